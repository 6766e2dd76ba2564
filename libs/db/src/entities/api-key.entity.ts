import 'reflect-metadata';
import { Column, Entity, PrimaryColumn, Unique } from 'typeorm';
import { millisTransformer } from './millis.transformer';

/** Row of `api_keys`; mirrors the migration, never leaves this package. */
@Entity({ name: 'api_keys' })
@Unique('UQ_api_keys_key_id', ['keyId'])
export class ApiKeyEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  id!: string;

  @Column({ name: 'key_id', type: 'varchar', length: 32 })
  keyId!: string;

  @Column({ name: 'key_hash', type: 'varchar', length: 255 })
  keyHash!: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  name!: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  owner!: string | null;

  /** Comma-separated; scope names are checked for commas before they are stored. */
  @Column({ type: 'varchar', length: 500 })
  scopes!: string;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ name: 'created_at', type: 'bigint', transformer: millisTransformer })
  createdAt!: Date;

  @Column({ name: 'last_used_at', type: 'bigint', nullable: true, transformer: millisTransformer })
  lastUsedAt!: Date | null;

  @Column({ name: 'expires_at', type: 'bigint', nullable: true, transformer: millisTransformer })
  expiresAt!: Date | null;

  @Column({ name: 'revoked_at', type: 'bigint', nullable: true, transformer: millisTransformer })
  revokedAt!: Date | null;
}
