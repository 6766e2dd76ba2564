import type { SqlExecutor } from '../data-source/sql-executor';
import type { TxScope } from '../database';
import { newId } from '../new-id';
import type { ClaimOptions, EnqueueOptions, JobQueue, QueueTask, QueueTaskState } from './job-queue';
import { toNextRunAt, toQueueTask, toStateCounts, type QueueTaskRow } from './queue-task.row';

// Claiming is one UPDATE whose subquery picks the task. SQLite runs a write statement under the
// database's single write lock, so between picking and updating no other connection, in this process
// or another, can claim the same row; concurrent claimers queue on busy_timeout instead.
const CLAIM = `
  UPDATE queue_tasks
  SET state = 'leased', lease_owner = ?, lease_until = ?, attempts = attempts + 1, updated_at = ?
  WHERE id = (
    SELECT id FROM queue_tasks
    WHERE queue = ? AND ((state = 'ready' AND run_at <= ?) OR (state = 'leased' AND lease_until < ?))
    ORDER BY run_at, created_at, id
    LIMIT 1
  )
  RETURNING *`;

const ENQUEUE = `
  INSERT INTO queue_tasks (id, queue, dedupe_key, payload, state, run_at, attempts, created_at, updated_at)
  VALUES (?, ?, ?, ?, 'ready', ?, 0, ?, ?)
  ON CONFLICT (dedupe_key) DO NOTHING
  RETURNING *`;

const OWNED = `id = ? AND state = 'leased' AND lease_owner = ?`;

const NEXT_RUN_AT = `
  SELECT MIN(CASE WHEN state = 'ready' THEN run_at ELSE lease_until END) AS next_at
  FROM queue_tasks WHERE queue = ? AND state IN ('ready', 'leased')`;

/** {@link JobQueue} on SQLite, with `?` placeholders. */
export class SqliteJobQueue implements JobQueue {
  constructor(private readonly sql: SqlExecutor) {}

  async enqueue(options: EnqueueOptions, scope?: TxScope): Promise<QueueTask | null> {
    const now = Date.now();
    const runAt = options.runAt?.getTime() ?? now;
    const parameters = [newId(), options.queue, options.dedupeKey ?? null, JSON.stringify(options.payload), runAt, now, now];
    const { rows } = await this.sql.run(scope, (session) => session.query<QueueTaskRow>(ENQUEUE, parameters));
    return rows[0] ? toQueueTask(rows[0]) : null;
  }

  async claim(queue: string, options: ClaimOptions): Promise<QueueTask | null> {
    const now = (options.now ?? new Date()).getTime();
    const parameters = [options.owner, now + options.leaseMs, now, queue, now, now];
    const { rows } = await this.sql.run(undefined, (session) => session.query<QueueTaskRow>(CLAIM, parameters));
    return rows[0] ? toQueueTask(rows[0]) : null;
  }

  extendLease(taskId: string, owner: string, leaseMs: number): Promise<boolean> {
    const now = Date.now();
    return this.update(`lease_until = ?, updated_at = ?`, [now + leaseMs, now], taskId, owner);
  }

  complete(taskId: string, owner: string): Promise<boolean> {
    const set = `state = 'done', lease_owner = NULL, lease_until = NULL, updated_at = ?`;
    return this.update(set, [Date.now()], taskId, owner);
  }

  reschedule(taskId: string, owner: string, options: { runAt: Date; error?: string | null }): Promise<boolean> {
    const keepError = options.error === undefined;
    const set =
      `state = 'ready', run_at = ?, attempts = 0, lease_owner = NULL, lease_until = NULL, updated_at = ?` +
      (keepError ? '' : ', last_error = ?');
    const values = [options.runAt.getTime(), Date.now(), ...(keepError ? [] : [options.error])];
    return this.update(set, values, taskId, owner);
  }

  bury(taskId: string, owner: string, error: string): Promise<boolean> {
    const set = `state = 'dead', lease_owner = NULL, lease_until = NULL, last_error = ?, updated_at = ?`;
    return this.update(set, [error, Date.now()], taskId, owner);
  }

  async counts(queue?: string): Promise<Record<QueueTaskState, number>> {
    const where = queue === undefined ? '' : 'WHERE queue = ?';
    const sql = `SELECT state, COUNT(*) AS count FROM queue_tasks ${where} GROUP BY state`;
    const { rows } = await this.sql.run(undefined, (session) =>
      session.query<{ state: QueueTaskState; count: number }>(sql, queue === undefined ? [] : [queue]),
    );
    return toStateCounts(rows);
  }

  async nextRunAt(queue: string): Promise<Date | null> {
    const { rows } = await this.sql.run(undefined, (session) => session.query<{ next_at: number | null }>(NEXT_RUN_AT, [queue]));
    return toNextRunAt(rows);
  }

  /** Applies `set` (constant SQL, values bound) to a task only while `owner` holds its lease. */
  private async update(set: string, values: unknown[], taskId: string, owner: string): Promise<boolean> {
    const sql = `UPDATE queue_tasks SET ${set} WHERE ${OWNED}`;
    const { affected } = await this.sql.run(undefined, (session) => session.query(sql, [...values, taskId, owner]));
    return affected > 0;
  }
}
