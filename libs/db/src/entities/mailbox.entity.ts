import 'reflect-metadata';
import { Column, Entity, PrimaryColumn, Unique } from 'typeorm';
import { millisTransformer } from './millis.transformer';

/** Row of `mailboxes`; mirrors the migration, never leaves this package. */
@Entity({ name: 'mailboxes' })
@Unique('UQ_mailboxes_label', ['label'])
export class MailboxEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  id!: string;

  @Column({ type: 'varchar', length: 64 })
  label!: string;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ name: 'created_at', type: 'bigint', transformer: millisTransformer })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'bigint', transformer: millisTransformer })
  updatedAt!: Date;
}
