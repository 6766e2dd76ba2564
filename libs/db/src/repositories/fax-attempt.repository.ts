import type { SqlExecutor } from '../data-source/sql-executor';
import { FaxAttemptEntity } from '../entities/fax-attempt.entity';
import { asUniqueViolation } from '../errors/unique-violation';
import { newId } from '../new-id';
import type { AttemptState, FaxAttemptRecord } from '../records';

/** How an attempt ended; undefined fields keep their value. */
export interface AttemptOutcome {
  state: Exclude<AttemptState, 'sending'>;
  providerSid?: string | null;
  errorCode?: string | null;
  error?: string | null;
}

/** Send attempts of fax jobs: one row per hand-over to a provider, with its idempotency key. */
export interface FaxAttemptRepository {
  /**
   * Records a new attempt in state `sending`, started now. A second attempt with the same idempotency
   * key or the same (jobId, attemptNo) rejects with a `DatabaseError` whose code is `UNIQUE_VIOLATION`,
   * which is how two workers racing for the same attempt find out that they lost.
   */
  start(input: { jobId: string; attemptNo: number; idempotencyKey: string }): Promise<FaxAttemptRecord>;
  /** The attempt with the highest attempt number of a job, or null. */
  latestForJob(jobId: string): Promise<FaxAttemptRecord | null>;
  /** Every attempt of a job, first attempt first. */
  listForJob(jobId: string): Promise<FaxAttemptRecord[]>;
  /** Records how an attempt ended; finished now. */
  finish(id: string, outcome: AttemptOutcome): Promise<void>;
}

/** {@link FaxAttemptRepository} on TypeORM. */
export class SqlFaxAttemptRepository implements FaxAttemptRepository {
  constructor(private readonly sql: SqlExecutor) {}

  async start(input: { jobId: string; attemptNo: number; idempotencyKey: string }): Promise<FaxAttemptRecord> {
    const row: Omit<FaxAttemptEntity, 'job'> = {
      id: newId(),
      jobId: input.jobId,
      attemptNo: input.attemptNo,
      idempotencyKey: input.idempotencyKey,
      state: 'sending',
      providerSid: null,
      errorCode: null,
      error: null,
      startedAt: new Date(),
      finishedAt: null,
    };
    try {
      await this.sql.run(undefined, ({ manager }) => manager.insert(FaxAttemptEntity, row));
    } catch (error) {
      throw asUniqueViolation(error, 'fax_attempts');
    }
    return toRecord(row);
  }

  async latestForJob(jobId: string): Promise<FaxAttemptRecord | null> {
    const row = await this.sql.run(undefined, ({ manager }) =>
      manager.findOne(FaxAttemptEntity, { where: { jobId }, order: { attemptNo: 'DESC' } }),
    );
    return row && toRecord(row);
  }

  async listForJob(jobId: string): Promise<FaxAttemptRecord[]> {
    const rows = await this.sql.run(undefined, ({ manager }) =>
      manager.find(FaxAttemptEntity, { where: { jobId }, order: { attemptNo: 'ASC' } }),
    );
    return rows.map(toRecord);
  }

  async finish(id: string, outcome: AttemptOutcome): Promise<void> {
    const values: Partial<Omit<FaxAttemptEntity, 'job'>> = { state: outcome.state, finishedAt: new Date() };
    if (outcome.providerSid !== undefined) values.providerSid = outcome.providerSid;
    if (outcome.errorCode !== undefined) values.errorCode = outcome.errorCode;
    if (outcome.error !== undefined) values.error = outcome.error;
    await this.sql.run(undefined, ({ manager }) => manager.update(FaxAttemptEntity, { id }, values));
  }
}

function toRecord(row: Omit<FaxAttemptEntity, 'job'>): FaxAttemptRecord {
  return {
    id: row.id,
    jobId: row.jobId,
    attemptNo: row.attemptNo,
    idempotencyKey: row.idempotencyKey,
    state: row.state,
    providerSid: row.providerSid,
    errorCode: row.errorCode,
    error: row.error,
    startedAt: new Date(row.startedAt),
    finishedAt: row.finishedAt && new Date(row.finishedAt),
  };
}
