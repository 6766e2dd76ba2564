import 'reflect-metadata';
import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';
import { millisTransformer } from './millis.transformer';

/** Row of `inbound_faxes`; mirrors the migration, never leaves this package. */
@Entity({ name: 'inbound_faxes' })
@Unique('UQ_inbound_faxes_backend_provider_sid', ['backend', 'providerSid'])
@Index('IDX_inbound_faxes_received_at_id', ['receivedAt', 'id'])
@Index('IDX_inbound_faxes_to_number_received_at_id', ['toNumber', 'receivedAt', 'id'])
@Index('IDX_inbound_faxes_status_received_at_id', ['status', 'receivedAt', 'id'])
@Index('IDX_inbound_faxes_mailbox_label_received_at_id', ['mailboxLabel', 'receivedAt', 'id'])
@Index('IDX_inbound_faxes_document_deleted_at_retention_until', ['documentDeletedAt', 'retentionUntil'])
export class InboundFaxEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  id!: string;

  @Column({ type: 'varchar', length: 64 })
  backend!: string;

  @Column({ name: 'provider_sid', type: 'varchar', length: 128 })
  providerSid!: string;

  @Column({ name: 'from_number', type: 'varchar', length: 64, nullable: true })
  fromNumber!: string | null;

  @Column({ name: 'to_number', type: 'varchar', length: 64 })
  toNumber!: string;

  @Column({ type: 'varchar', length: 16, default: 'received' })
  status!: 'received';

  @Column({ type: 'integer', nullable: true })
  pages!: number | null;

  @Column({ name: 'size_bytes', type: 'integer' })
  sizeBytes!: number;

  @Column({ type: 'varchar', length: 64 })
  sha256!: string;

  @Column({ name: 'document_key', type: 'varchar', length: 255, nullable: true })
  documentKey!: string | null;

  @Column({ name: 'mailbox_label', type: 'varchar', length: 64, nullable: true })
  mailboxLabel!: string | null;

  @Column({ name: 'received_at', type: 'bigint', transformer: millisTransformer })
  receivedAt!: Date;

  @Column({ name: 'retention_until', type: 'bigint', nullable: true, transformer: millisTransformer })
  retentionUntil!: Date | null;

  @Column({ name: 'document_deleted_at', type: 'bigint', nullable: true, transformer: millisTransformer })
  documentDeletedAt!: Date | null;

  @Column({ name: 'created_at', type: 'bigint', transformer: millisTransformer })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'bigint', transformer: millisTransformer })
  updatedAt!: Date;
}
