import type { SqlExecutor } from '../data-source/sql-executor';
import { MailboxEntity } from '../entities/mailbox.entity';
import { asUniqueViolation } from '../errors/unique-violation';
import { newId } from '../new-id';
import type { MailboxRecord } from '../records';

/** Mailboxes inbound faxes are routed to, addressed by their unique label. */
export interface MailboxRepository {
  /** Every mailbox, ordered by label. */
  list(): Promise<MailboxRecord[]>;
  /** The mailbox with this label, or null. */
  findByLabel(label: string): Promise<MailboxRecord | null>;
  /** Stores a mailbox created now; a label that is taken rejects with `UNIQUE_VIOLATION`. */
  insert(mailbox: { label: string; note: string | null }): Promise<MailboxRecord>;
  /** Changes the note (null clears it) and returns the updated mailbox, or null when the label is unknown. */
  update(label: string, fields: { note: string | null }): Promise<MailboxRecord | null>;
  /**
   * Deletes the mailbox; false when the label is unknown. Rules and inbound faxes naming it are left
   * as they are: check {@link InboundRuleRepository.countForMailbox} first.
   */
  delete(label: string): Promise<boolean>;
}

/** {@link MailboxRepository} on TypeORM. */
export class SqlMailboxRepository implements MailboxRepository {
  constructor(private readonly sql: SqlExecutor) {}

  async list(): Promise<MailboxRecord[]> {
    const rows = await this.sql.run(undefined, ({ manager }) => manager.find(MailboxEntity, { order: { label: 'ASC' } }));
    return rows.map(toRecord);
  }

  async findByLabel(label: string): Promise<MailboxRecord | null> {
    const row = await this.sql.run(undefined, ({ manager }) => manager.findOneBy(MailboxEntity, { label }));
    return row && toRecord(row);
  }

  async insert(mailbox: { label: string; note: string | null }): Promise<MailboxRecord> {
    const now = new Date();
    const row: MailboxEntity = { id: newId(), label: mailbox.label, note: mailbox.note, createdAt: now, updatedAt: now };
    try {
      await this.sql.run(undefined, ({ manager }) => manager.insert(MailboxEntity, row));
    } catch (error) {
      throw asUniqueViolation(error, 'mailboxes');
    }
    return toRecord(row);
  }

  async update(label: string, fields: { note: string | null }): Promise<MailboxRecord | null> {
    // Update and re-read in one transaction, so the record returned is the one this call produced.
    return this.sql.atomically(async ({ manager }) => {
      const result = await manager.update(MailboxEntity, { label }, { note: fields.note, updatedAt: new Date() });
      if (!result.affected) return null;
      return toRecord(await manager.findOneByOrFail(MailboxEntity, { label }));
    });
  }

  async delete(label: string): Promise<boolean> {
    const result = await this.sql.run(undefined, ({ manager }) => manager.delete(MailboxEntity, { label }));
    return Boolean(result.affected);
  }
}

function toRecord(row: MailboxEntity): MailboxRecord {
  return {
    id: row.id,
    label: row.label,
    note: row.note,
    createdAt: new Date(row.createdAt),
    updatedAt: new Date(row.updatedAt),
  };
}
