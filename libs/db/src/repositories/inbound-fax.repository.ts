import { Brackets } from 'typeorm';
import type { DatabaseKind } from '../data-source/database-options';
import type { SqlExecutor } from '../data-source/sql-executor';
import type { TxScope } from '../database';
import { InboundFaxEntity } from '../entities/inbound-fax.entity';
import { DatabaseError } from '../errors/database-error';
import { asUniqueViolation } from '../errors/unique-violation';
import type { InboundCursor, InboundFaxFilter, InboundFaxRecord, NewInboundFax } from '../records';

/** Received faxes. Rows are never deleted: retention deletes the document and keeps the row for history. */
export interface InboundFaxRepository {
  /**
   * Stores a fax received now (status `received`) unless one with the same (backend, providerSid)
   * exists; then returns the existing row with `created: false`. Race-safe: of concurrent duplicate
   * inserts, on any number of connections or processes, exactly one creates the row and the others
   * get it back, none throws. Pass `scope` to insert inside a transaction. A duplicate `id` (with
   * another provider id) rejects with `UNIQUE_VIOLATION`.
   */
  insertOnce(fax: NewInboundFax, scope?: TxScope): Promise<{ record: InboundFaxRecord; created: boolean }>;
  /** The fax with this id, or null. */
  findById(id: string): Promise<InboundFaxRecord | null>;
  /** The fax a provider's id refers to, scoped by backend because ids are per provider; or null. */
  findByProviderSid(backend: string, providerSid: string): Promise<InboundFaxRecord | null>;
  /**
   * One page of faxes, newest `receivedAt` first and ties by id descending. Keyset paging: pass the
   * returned `next` as `cursor` for the following page; `next` is null on the last page. Filters are
   * exact matches. Rejects with `INVALID_VALUE` unless `limit` is a positive integer.
   */
  list(filter: InboundFaxFilter): Promise<{ items: InboundFaxRecord[]; next: InboundCursor | null }>;
  /**
   * Up to `limit` faxes whose `retentionUntil` is at or before `now` and whose document is not yet
   * deleted, earliest `retentionUntil` first (ties by id). `documentKey` may be null for a fax stored
   * without a document; mark it deleted all the same so it stops coming back.
   */
  dueForRetention(now: Date, limit: number): Promise<InboundFaxRecord[]>;
  /**
   * Sets `documentKey` to null and `documentDeletedAt` to `at`; the row stays for history. The first
   * deletion time is kept when called again; an unknown id is ignored.
   */
  markDocumentDeleted(id: string, at: Date): Promise<void>;
}

// Hand-written so the conflict target is exactly the provider key: ON CONFLICT DO NOTHING (rather than
// catching a unique violation) keeps a caller's PostgreSQL transaction usable, and on PostgreSQL a
// concurrent inserter of the same key waits for the first to commit and then does nothing.
const INSERT_COLUMNS = [
  'id',
  'backend',
  'provider_sid',
  'from_number',
  'to_number',
  'status',
  'pages',
  'size_bytes',
  'sha256',
  'document_key',
  'mailbox_label',
  'received_at',
  'retention_until',
  'document_deleted_at',
  'created_at',
  'updated_at',
] as const;

function insertOnceSql(kind: DatabaseKind): string {
  const placeholders = INSERT_COLUMNS.map((_, i) => (kind === 'postgres' ? `$${i + 1}` : '?'));
  return `INSERT INTO inbound_faxes (${INSERT_COLUMNS.join(', ')}) VALUES (${placeholders.join(', ')})
    ON CONFLICT (backend, provider_sid) DO NOTHING
    RETURNING id`;
}

/** {@link InboundFaxRepository} on TypeORM, with one hand-written statement per engine for insertOnce. */
export class SqlInboundFaxRepository implements InboundFaxRepository {
  private readonly insertSql: string;

  constructor(
    private readonly sql: SqlExecutor,
    kind: DatabaseKind,
  ) {
    this.insertSql = insertOnceSql(kind);
  }

  async insertOnce(fax: NewInboundFax, scope?: TxScope): Promise<{ record: InboundFaxRecord; created: boolean }> {
    const now = new Date();
    const row: InboundFaxEntity = {
      id: fax.id,
      backend: fax.backend,
      providerSid: fax.providerSid,
      fromNumber: fax.fromNumber,
      toNumber: fax.toNumber,
      status: 'received',
      pages: fax.pages,
      sizeBytes: fax.sizeBytes,
      sha256: fax.sha256,
      documentKey: fax.documentKey,
      mailboxLabel: fax.mailboxLabel,
      receivedAt: fax.receivedAt,
      retentionUntil: fax.retentionUntil,
      documentDeletedAt: null,
      createdAt: now,
      updatedAt: now,
    };
    try {
      return await this.sql.run(scope, async (session) => {
        const inserted = await session.query<{ id: string }>(this.insertSql, insertParameters(row));
        if (inserted.rows.length > 0) return { record: toRecord(row), created: true };
        // The conflicting row is committed (PostgreSQL waited for it), so this new statement sees it.
        const existing = await session.manager.findOneBy(InboundFaxEntity, {
          backend: row.backend,
          providerSid: row.providerSid,
        });
        if (!existing) {
          throw new DatabaseError('UNIQUE_VIOLATION', 'inbound_faxes: the row with this provider id is not visible to this transaction');
        }
        return { record: toRecord(existing), created: false };
      });
    } catch (error) {
      throw asUniqueViolation(error, 'inbound_faxes');
    }
  }

  async findById(id: string): Promise<InboundFaxRecord | null> {
    const row = await this.sql.run(undefined, ({ manager }) => manager.findOneBy(InboundFaxEntity, { id }));
    return row && toRecord(row);
  }

  async findByProviderSid(backend: string, providerSid: string): Promise<InboundFaxRecord | null> {
    const row = await this.sql.run(undefined, ({ manager }) => manager.findOneBy(InboundFaxEntity, { backend, providerSid }));
    return row && toRecord(row);
  }

  async list(filter: InboundFaxFilter): Promise<{ items: InboundFaxRecord[]; next: InboundCursor | null }> {
    assertLimit(filter.limit);
    const rows = await this.sql.run(undefined, ({ manager }) => {
      const query = manager.createQueryBuilder(InboundFaxEntity, 'fax');
      if (filter.toNumber !== undefined) query.andWhere('fax.toNumber = :toNumber', { toNumber: filter.toNumber });
      if (filter.status !== undefined) query.andWhere('fax.status = :status', { status: filter.status });
      if (filter.mailbox !== undefined) query.andWhere('fax.mailboxLabel = :mailbox', { mailbox: filter.mailbox });
      const cursor = filter.cursor;
      if (cursor) {
        const after = { cursorAt: cursor.receivedAt.getTime(), cursorId: cursor.id };
        query.andWhere(
          new Brackets((older) =>
            older
              .where('fax.receivedAt < :cursorAt', after)
              .orWhere('(fax.receivedAt = :cursorAt AND fax.id < :cursorId)', after),
          ),
        );
      }
      // One row more than asked for tells whether another page follows.
      return query
        .orderBy('fax.receivedAt', 'DESC')
        .addOrderBy('fax.id', 'DESC')
        .limit(filter.limit + 1)
        .getMany();
    });
    const items = rows.slice(0, filter.limit).map(toRecord);
    const last = items[items.length - 1];
    const next = rows.length > filter.limit && last ? { receivedAt: new Date(last.receivedAt), id: last.id } : null;
    return { items, next };
  }

  async dueForRetention(now: Date, limit: number): Promise<InboundFaxRecord[]> {
    assertLimit(limit);
    const rows = await this.sql.run(undefined, ({ manager }) =>
      manager
        .createQueryBuilder(InboundFaxEntity, 'fax')
        .where('fax.documentDeletedAt IS NULL')
        .andWhere('fax.retentionUntil <= :now', { now: now.getTime() })
        .orderBy('fax.retentionUntil', 'ASC')
        .addOrderBy('fax.id', 'ASC')
        .limit(limit)
        .getMany(),
    );
    return rows.map(toRecord);
  }

  async markDocumentDeleted(id: string, at: Date): Promise<void> {
    await this.sql.run(undefined, ({ manager }) =>
      manager
        .createQueryBuilder()
        .update(InboundFaxEntity)
        .set({ documentKey: null, documentDeletedAt: at, updatedAt: new Date() })
        .where('id = :id', { id })
        .andWhere('document_deleted_at IS NULL')
        .execute(),
    );
  }
}

function assertLimit(limit: number): void {
  if (!Number.isInteger(limit) || limit < 1) {
    throw new DatabaseError('INVALID_VALUE', 'inbound_faxes: limit must be a positive integer');
  }
}

/** Values for {@link INSERT_COLUMNS}, in order; timestamps as epoch milliseconds. */
function insertParameters(row: InboundFaxEntity): unknown[] {
  return [
    row.id,
    row.backend,
    row.providerSid,
    row.fromNumber,
    row.toNumber,
    row.status,
    row.pages,
    row.sizeBytes,
    row.sha256,
    row.documentKey,
    row.mailboxLabel,
    row.receivedAt.getTime(),
    row.retentionUntil?.getTime() ?? null,
    row.documentDeletedAt?.getTime() ?? null,
    row.createdAt.getTime(),
    row.updatedAt.getTime(),
  ];
}

function toRecord(row: InboundFaxEntity): InboundFaxRecord {
  return {
    id: row.id,
    backend: row.backend,
    providerSid: row.providerSid,
    fromNumber: row.fromNumber,
    toNumber: row.toNumber,
    status: row.status,
    pages: row.pages,
    sizeBytes: row.sizeBytes,
    sha256: row.sha256,
    documentKey: row.documentKey,
    mailboxLabel: row.mailboxLabel,
    receivedAt: new Date(row.receivedAt),
    retentionUntil: row.retentionUntil && new Date(row.retentionUntil),
    documentDeletedAt: row.documentDeletedAt && new Date(row.documentDeletedAt),
    createdAt: new Date(row.createdAt),
    updatedAt: new Date(row.updatedAt),
  };
}
