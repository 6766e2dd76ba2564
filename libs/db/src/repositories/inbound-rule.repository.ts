import type { SqlExecutor } from '../data-source/sql-executor';
import { InboundRuleEntity } from '../entities/inbound-rule.entity';
import { asUniqueViolation } from '../errors/unique-violation';
import { newId } from '../new-id';
import type { InboundRuleRecord } from '../records';

/** Routing rules: faxes received on a number go to a mailbox. At most one rule per number. */
export interface InboundRuleRepository {
  /** Every rule, ordered by number. */
  list(): Promise<InboundRuleRecord[]>;
  /**
   * Stores a rule created now; a number that already has a rule rejects with `UNIQUE_VIOLATION`. The
   * mailbox is not checked here: the caller makes sure it exists.
   */
  insert(rule: { toNumber: string; mailboxLabel: string }): Promise<InboundRuleRecord>;
  /** Deletes the rule; false when the id is unknown. */
  delete(id: string): Promise<boolean>;
  /** The rule for exactly this number, or null. */
  findForNumber(toNumber: string): Promise<InboundRuleRecord | null>;
  /** How many rules route to the mailbox with this label. */
  countForMailbox(label: string): Promise<number>;
}

/** {@link InboundRuleRepository} on TypeORM. */
export class SqlInboundRuleRepository implements InboundRuleRepository {
  constructor(private readonly sql: SqlExecutor) {}

  async list(): Promise<InboundRuleRecord[]> {
    const rows = await this.sql.run(undefined, ({ manager }) => manager.find(InboundRuleEntity, { order: { toNumber: 'ASC' } }));
    return rows.map(toRecord);
  }

  async insert(rule: { toNumber: string; mailboxLabel: string }): Promise<InboundRuleRecord> {
    const row: InboundRuleEntity = { id: newId(), toNumber: rule.toNumber, mailboxLabel: rule.mailboxLabel, createdAt: new Date() };
    try {
      await this.sql.run(undefined, ({ manager }) => manager.insert(InboundRuleEntity, row));
    } catch (error) {
      throw asUniqueViolation(error, 'inbound_rules');
    }
    return toRecord(row);
  }

  async delete(id: string): Promise<boolean> {
    const result = await this.sql.run(undefined, ({ manager }) => manager.delete(InboundRuleEntity, { id }));
    return Boolean(result.affected);
  }

  async findForNumber(toNumber: string): Promise<InboundRuleRecord | null> {
    const row = await this.sql.run(undefined, ({ manager }) => manager.findOneBy(InboundRuleEntity, { toNumber }));
    return row && toRecord(row);
  }

  async countForMailbox(label: string): Promise<number> {
    return this.sql.run(undefined, ({ manager }) => manager.countBy(InboundRuleEntity, { mailboxLabel: label }));
  }
}

function toRecord(row: InboundRuleEntity): InboundRuleRecord {
  return { id: row.id, toNumber: row.toNumber, mailboxLabel: row.mailboxLabel, createdAt: new Date(row.createdAt) };
}
