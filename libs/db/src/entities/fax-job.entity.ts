import 'reflect-metadata';
import type { FaxStatus } from '@faxbot/plugin-sdk';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { millisTransformer } from './millis.transformer';

/** Row of `fax_jobs`; mirrors the migration, never leaves this package. */
@Entity({ name: 'fax_jobs' })
@Index('IDX_fax_jobs_status', ['status'])
@Index('IDX_fax_jobs_backend_provider_sid', ['backend', 'providerSid'])
@Index('IDX_fax_jobs_document_deleted_at_completed_at', ['documentDeletedAt', 'completedAt'])
export class FaxJobEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  id!: string;

  @Column({ name: 'to_number', type: 'varchar', length: 32 })
  toNumber!: string;

  @Column({ name: 'file_name', type: 'varchar', length: 255 })
  fileName!: string;

  @Column({ name: 'document_key', type: 'varchar', length: 255 })
  documentKey!: string;

  @Column({ name: 'document_type', type: 'varchar', length: 16 })
  documentType!: 'pdf' | 'txt';

  @Column({ name: 'size_bytes', type: 'integer' })
  sizeBytes!: number;

  @Column({ type: 'varchar', length: 16, default: 'queued' })
  status!: FaxStatus;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @Column({ name: 'error_code', type: 'varchar', length: 64, nullable: true })
  errorCode!: string | null;

  @Column({ type: 'integer', nullable: true })
  pages!: number | null;

  @Column({ type: 'varchar', length: 64 })
  backend!: string;

  @Column({ name: 'provider_sid', type: 'varchar', length: 128, nullable: true })
  providerSid!: string | null;

  @Column({ name: 'created_at', type: 'bigint', transformer: millisTransformer })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'bigint', transformer: millisTransformer })
  updatedAt!: Date;

  @Column({ name: 'completed_at', type: 'bigint', nullable: true, transformer: millisTransformer })
  completedAt!: Date | null;

  @Column({ name: 'document_deleted_at', type: 'bigint', nullable: true, transformer: millisTransformer })
  documentDeletedAt!: Date | null;
}
