import 'reflect-metadata';
import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';
import { millisTransformer } from './millis.transformer';

/** Row of `inbound_rules`; mirrors the migration, never leaves this package. */
@Entity({ name: 'inbound_rules' })
@Unique('UQ_inbound_rules_to_number', ['toNumber'])
@Index('IDX_inbound_rules_mailbox_label', ['mailboxLabel'])
export class InboundRuleEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  id!: string;

  @Column({ name: 'to_number', type: 'varchar', length: 64 })
  toNumber!: string;

  @Column({ name: 'mailbox_label', type: 'varchar', length: 64 })
  mailboxLabel!: string;

  @Column({ name: 'created_at', type: 'bigint', transformer: millisTransformer })
  createdAt!: Date;
}
