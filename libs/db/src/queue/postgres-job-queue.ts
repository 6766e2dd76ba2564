import type { SqlExecutor } from '../data-source/sql-executor';
import type { TxScope } from '../database';
import { newId } from '../new-id';
import type { ClaimOptions, EnqueueOptions, JobQueue, QueueTask, QueueTaskState } from './job-queue';
import { toNextRunAt, toQueueTask, toStateCounts, type QueueTaskRow } from './queue-task.row';

// The subquery locks the task it picks; SKIP LOCKED makes concurrent claimers on other connections
// pass over rows another claimer is taking instead of waiting for it, so each gets a different task.
// A row whose state changed before we locked it is re-checked against the WHERE clause and skipped.
const CLAIM = `
  UPDATE queue_tasks
  SET state = 'leased', lease_owner = $1, lease_until = $2, attempts = attempts + 1, updated_at = $3
  WHERE id = (
    SELECT id FROM queue_tasks
    WHERE queue = $4 AND ((state = 'ready' AND run_at <= $3) OR (state = 'leased' AND lease_until < $3))
    ORDER BY run_at, created_at, id
    LIMIT 1
    FOR UPDATE SKIP LOCKED
  )
  RETURNING *`;

// ON CONFLICT instead of catching a unique violation: inside a transaction an error would abort it.
const ENQUEUE = `
  INSERT INTO queue_tasks (id, queue, dedupe_key, payload, state, run_at, attempts, created_at, updated_at)
  VALUES ($1, $2, $3, $4, 'ready', $5, 0, $6, $6)
  ON CONFLICT (dedupe_key) DO NOTHING
  RETURNING *`;

const NEXT_RUN_AT = `
  SELECT MIN(CASE WHEN state = 'ready' THEN run_at ELSE lease_until END) AS next_at
  FROM queue_tasks WHERE queue = $1 AND state IN ('ready', 'leased')`;

/** {@link JobQueue} on PostgreSQL, with `$n` placeholders and row locks for claiming. */
export class PostgresJobQueue implements JobQueue {
  constructor(private readonly sql: SqlExecutor) {}

  async enqueue(options: EnqueueOptions, scope?: TxScope): Promise<QueueTask | null> {
    const now = Date.now();
    const runAt = options.runAt?.getTime() ?? now;
    const parameters = [newId(), options.queue, options.dedupeKey ?? null, JSON.stringify(options.payload), runAt, now];
    const { rows } = await this.sql.run(scope, (session) => session.query<QueueTaskRow>(ENQUEUE, parameters));
    return rows[0] ? toQueueTask(rows[0]) : null;
  }

  async claim(queue: string, options: ClaimOptions): Promise<QueueTask | null> {
    const now = (options.now ?? new Date()).getTime();
    const parameters = [options.owner, now + options.leaseMs, now, queue];
    const { rows } = await this.sql.run(undefined, (session) => session.query<QueueTaskRow>(CLAIM, parameters));
    return rows[0] ? toQueueTask(rows[0]) : null;
  }

  extendLease(taskId: string, owner: string, leaseMs: number): Promise<boolean> {
    const now = Date.now();
    return this.update(`lease_until = $1, updated_at = $2`, [now + leaseMs, now], taskId, owner);
  }

  complete(taskId: string, owner: string): Promise<boolean> {
    const set = `state = 'done', lease_owner = NULL, lease_until = NULL, updated_at = $1`;
    return this.update(set, [Date.now()], taskId, owner);
  }

  reschedule(taskId: string, owner: string, options: { runAt: Date; error?: string | null }): Promise<boolean> {
    const keepError = options.error === undefined;
    const set =
      `state = 'ready', run_at = $1, attempts = 0, lease_owner = NULL, lease_until = NULL, updated_at = $2` +
      (keepError ? '' : ', last_error = $3');
    const values = [options.runAt.getTime(), Date.now(), ...(keepError ? [] : [options.error])];
    return this.update(set, values, taskId, owner);
  }

  bury(taskId: string, owner: string, error: string): Promise<boolean> {
    const set = `state = 'dead', lease_owner = NULL, lease_until = NULL, last_error = $1, updated_at = $2`;
    return this.update(set, [error, Date.now()], taskId, owner);
  }

  async counts(queue?: string): Promise<Record<QueueTaskState, number>> {
    const where = queue === undefined ? '' : 'WHERE queue = $1';
    const sql = `SELECT state, COUNT(*) AS count FROM queue_tasks ${where} GROUP BY state`;
    const { rows } = await this.sql.run(undefined, (session) =>
      session.query<{ state: QueueTaskState; count: string }>(sql, queue === undefined ? [] : [queue]),
    );
    return toStateCounts(rows);
  }

  async nextRunAt(queue: string): Promise<Date | null> {
    const { rows } = await this.sql.run(undefined, (session) => session.query<{ next_at: string | null }>(NEXT_RUN_AT, [queue]));
    return toNextRunAt(rows);
  }

  /**
   * Applies `set` to a task only while `owner` holds its lease. `set` is constant SQL whose
   * placeholders $1…$n match `values`; the id and owner placeholders follow them.
   */
  private async update(set: string, values: unknown[], taskId: string, owner: string): Promise<boolean> {
    const id = values.length + 1;
    const sql = `UPDATE queue_tasks SET ${set} WHERE id = $${id} AND state = 'leased' AND lease_owner = $${id + 1}`;
    const { affected } = await this.sql.run(undefined, (session) => session.query(sql, [...values, taskId, owner]));
    return affected > 0;
  }
}
