import 'reflect-metadata';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { millisTransformer } from './millis.transformer';

/** Row of `plugin_configs`; mirrors the migration, never leaves this package. */
@Entity({ name: 'plugin_configs' })
export class PluginConfigEntity {
  @PrimaryColumn({ name: 'instance_id', type: 'varchar', length: 63 })
  instanceId!: string;

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

  @Column({ type: 'integer' })
  version!: number;

  @Column({ name: 'updated_at', type: 'bigint', transformer: millisTransformer })
  updatedAt!: Date;

  @Column({ name: 'updated_by', type: 'varchar', length: 100 })
  updatedBy!: string;
}
