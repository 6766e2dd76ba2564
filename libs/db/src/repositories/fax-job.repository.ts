import { FAX_STATUSES, FINAL_FAX_STATUSES, isFinalStatus, type FaxStatus } from '@faxbot/plugin-sdk';
import type { SqlExecutor } from '../data-source/sql-executor';
import type { TxScope } from '../database';
import { FaxJobEntity } from '../entities/fax-job.entity';
import { DatabaseError } from '../errors/database-error';
import { asUniqueViolation } from '../errors/unique-violation';
import type { FaxJobRecord, NewFaxJob } from '../records';

/** Non-status fields of a fax job that providers report over time. */
export interface FaxJobFields {
  providerSid?: string | null;
  pages?: number | null;
  error?: string | null;
  errorCode?: string | null;
}

/** Fax jobs. Status changes go through {@link FaxJobRepository.transition} so late updates cannot undo final ones. */
export interface FaxJobRepository {
  /** Stores a new job with status `queued`; created and updated now. Pass `scope` to insert inside a transaction. */
  insert(job: NewFaxJob, scope?: TxScope): Promise<FaxJobRecord>;
  /** The job with this id, or null. */
  findById(id: string): Promise<FaxJobRecord | null>;
  /** The job a provider callback refers to, or null. */
  findByProviderSid(backend: string, providerSid: string): Promise<FaxJobRecord | null>;
  /**
   * Compare-and-set: changes status only if the current status is in `from`; sets completed_at when
   * `to` is final (and clears it otherwise); updates updated_at. Fields left undefined keep their value,
   * null clears them. Returns the updated record or null when the row was not in an allowed state.
   */
  transition(id: string, change: FaxJobFields & { from: FaxStatus[]; to: FaxStatus }): Promise<FaxJobRecord | null>;
  /** Non-status fields (error, errorCode, pages, providerSid) without a state change; undefined keeps a value. */
  patch(id: string, fields: FaxJobFields): Promise<void>;
  /** Number of jobs per status; every known status is present, with 0 when there are none. */
  countByStatus(): Promise<Record<string, number>>;
  /**
   * Retention: up to `limit` jobs in a final status, completed at or before `cutoff`, whose document is
   * not yet deleted; oldest completion first (ties by id). Rejects with `INVALID_VALUE` unless `limit`
   * is a positive integer.
   */
  findFinishedBefore(cutoff: Date, limit: number): Promise<FaxJobRecord[]>;
  /**
   * Records that the job's stored document was deleted at `at`; `documentKey` keeps its value for
   * history. The first deletion time is kept when called again; an unknown id is ignored.
   */
  markDocumentDeleted(id: string, at: Date): Promise<void>;
}

/** {@link FaxJobRepository} on TypeORM. */
export class SqlFaxJobRepository implements FaxJobRepository {
  constructor(private readonly sql: SqlExecutor) {}

  async insert(job: NewFaxJob, scope?: TxScope): Promise<FaxJobRecord> {
    const now = new Date();
    const row: FaxJobEntity = {
      id: job.id,
      toNumber: job.toNumber,
      fileName: job.fileName,
      documentKey: job.documentKey,
      documentType: job.documentType,
      sizeBytes: job.sizeBytes,
      backend: job.backend,
      status: 'queued',
      error: null,
      errorCode: null,
      pages: null,
      providerSid: null,
      createdAt: now,
      updatedAt: now,
      completedAt: null,
      documentDeletedAt: null,
    };
    try {
      await this.sql.run(scope, ({ manager }) => manager.insert(FaxJobEntity, row));
    } catch (error) {
      throw asUniqueViolation(error, 'fax_jobs');
    }
    return toRecord(row);
  }

  async findById(id: string): Promise<FaxJobRecord | null> {
    const row = await this.sql.run(undefined, ({ manager }) => manager.findOneBy(FaxJobEntity, { id }));
    return row && toRecord(row);
  }

  async findByProviderSid(backend: string, providerSid: string): Promise<FaxJobRecord | null> {
    const row = await this.sql.run(undefined, ({ manager }) => manager.findOneBy(FaxJobEntity, { backend, providerSid }));
    return row && toRecord(row);
  }

  async transition(id: string, change: FaxJobFields & { from: FaxStatus[]; to: FaxStatus }): Promise<FaxJobRecord | null> {
    if (change.from.length === 0) return null;
    const now = new Date();
    const values = {
      ...definedFields(change),
      status: change.to,
      updatedAt: now,
      completedAt: isFinalStatus(change.to) ? now : null,
    };
    // Update and re-read in one transaction, so the record returned is the one this call produced.
    return this.sql.atomically(async ({ manager }) => {
      const result = await manager
        .createQueryBuilder()
        .update(FaxJobEntity)
        .set(values)
        .where('id = :id', { id })
        .andWhere('status IN (:...from)', { from: change.from })
        .execute();
      if (!result.affected) return null;
      return toRecord(await manager.findOneByOrFail(FaxJobEntity, { id }));
    });
  }

  async patch(id: string, fields: FaxJobFields): Promise<void> {
    const values = definedFields(fields);
    if (Object.keys(values).length === 0) return;
    await this.sql.run(undefined, ({ manager }) =>
      manager.update(FaxJobEntity, { id }, { ...values, updatedAt: new Date() }),
    );
  }

  async countByStatus(): Promise<Record<string, number>> {
    const rows = await this.sql.run(undefined, ({ manager }) =>
      manager
        .createQueryBuilder(FaxJobEntity, 'job')
        .select('job.status', 'status')
        .addSelect('COUNT(*)', 'count')
        .groupBy('job.status')
        .getRawMany<{ status: string; count: string | number }>(),
    );
    const counts: Record<string, number> = Object.fromEntries(FAX_STATUSES.map((status) => [status, 0]));
    // COUNT(*) is a bigint on PostgreSQL and arrives as a string.
    for (const row of rows) counts[row.status] = Number(row.count);
    return counts;
  }

  async findFinishedBefore(cutoff: Date, limit: number): Promise<FaxJobRecord[]> {
    assertLimit(limit);
    // completed_at is only ever set together with a final status; the status test keeps it that way
    // for rows written by hand or by an older build.
    const rows = await this.sql.run(undefined, ({ manager }) =>
      manager
        .createQueryBuilder(FaxJobEntity, 'job')
        .where('job.documentDeletedAt IS NULL')
        .andWhere('job.completedAt <= :cutoff', { cutoff: cutoff.getTime() })
        .andWhere('job.status IN (:...finals)', { finals: FINAL_FAX_STATUSES })
        .orderBy('job.completedAt', 'ASC')
        .addOrderBy('job.id', 'ASC')
        .limit(limit)
        .getMany(),
    );
    return rows.map(toRecord);
  }

  async markDocumentDeleted(id: string, at: Date): Promise<void> {
    await this.sql.run(undefined, ({ manager }) =>
      manager
        .createQueryBuilder()
        .update(FaxJobEntity)
        .set({ documentDeletedAt: at, updatedAt: new Date() })
        .where('id = :id', { id })
        .andWhere('document_deleted_at IS NULL')
        .execute(),
    );
  }
}

function assertLimit(limit: number): void {
  if (!Number.isInteger(limit) || limit < 1) {
    throw new DatabaseError('INVALID_VALUE', 'fax_jobs: limit must be a positive integer');
  }
}

/** Copies only the fields that were given, so undefined means "leave as is" and null means "clear". */
function definedFields(fields: FaxJobFields): FaxJobFields {
  const picked: FaxJobFields = {};
  if (fields.providerSid !== undefined) picked.providerSid = fields.providerSid;
  if (fields.pages !== undefined) picked.pages = fields.pages;
  if (fields.error !== undefined) picked.error = fields.error;
  if (fields.errorCode !== undefined) picked.errorCode = fields.errorCode;
  return picked;
}

function toRecord(row: FaxJobEntity): FaxJobRecord {
  return {
    id: row.id,
    toNumber: row.toNumber,
    fileName: row.fileName,
    documentKey: row.documentKey,
    documentType: row.documentType,
    sizeBytes: row.sizeBytes,
    status: row.status,
    error: row.error,
    errorCode: row.errorCode,
    pages: row.pages,
    backend: row.backend,
    providerSid: row.providerSid,
    createdAt: new Date(row.createdAt),
    updatedAt: new Date(row.updatedAt),
    completedAt: row.completedAt && new Date(row.completedAt),
    documentDeletedAt: row.documentDeletedAt && new Date(row.documentDeletedAt),
  };
}
