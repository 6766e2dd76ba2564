import 'reflect-metadata';
import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';
import { millisTransformer } from './millis.transformer';

/** Row of `plugin_config_versions`; mirrors the migration, never leaves this package. */
@Entity({ name: 'plugin_config_versions' })
@Index('IDX_plugin_config_versions_instance_id', ['instanceId'])
@Unique('UQ_plugin_config_versions_instance_id_version', ['instanceId', 'version'])
export class PluginConfigVersionEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  id!: string;

  @Column({ name: 'instance_id', type: 'varchar', length: 63 })
  instanceId!: string;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ name: 'plugin_id', type: 'varchar', length: 63 })
  pluginId!: string;

  /** 0 or 1. */
  @Column({ type: 'integer' })
  enabled!: number;

  @Column({ type: 'varchar', length: 16 })
  isolation!: string;

  /** JSON text written by the config store; opaque to this package. */
  @Column({ type: 'text' })
  settings!: string;

  /** When this version was written (its `updated_at` while it was current). */
  @Column({ name: 'created_at', type: 'bigint', transformer: millisTransformer })
  createdAt!: Date;

  /** Who wrote this version. */
  @Column({ name: 'created_by', type: 'varchar', length: 100 })
  createdBy!: string;
}
