import type { QueueTask, QueueTaskState } from './job-queue';

/** A `queue_tasks` row as the drivers return it: bigint columns arrive as strings from PostgreSQL. */
export interface QueueTaskRow {
  id: string;
  queue: string;
  dedupe_key: string | null;
  payload: string;
  state: QueueTaskState;
  run_at: string | number;
  attempts: number;
  lease_owner: string | null;
  lease_until: string | number | null;
  last_error: string | null;
}

/** Converts a raw row into a {@link QueueTask}. */
export function toQueueTask(row: QueueTaskRow): QueueTask {
  return {
    id: row.id,
    queue: row.queue,
    payload: JSON.parse(row.payload) as Record<string, unknown>,
    dedupeKey: row.dedupe_key,
    state: row.state,
    runAt: new Date(Number(row.run_at)),
    attempts: Number(row.attempts),
    leaseOwner: row.lease_owner,
    leaseUntil: row.lease_until === null ? null : new Date(Number(row.lease_until)),
    lastError: row.last_error,
  };
}

/** Turns `SELECT state, COUNT(*) … GROUP BY state` rows into a record with every state present. */
export function toStateCounts(rows: { state: QueueTaskState; count: string | number }[]): Record<QueueTaskState, number> {
  const counts: Record<QueueTaskState, number> = { ready: 0, leased: 0, done: 0, dead: 0 };
  for (const row of rows) counts[row.state] = Number(row.count);
  return counts;
}

/** Reads the single `next_at` column of a MIN(…) query; null when there was no row to aggregate. */
export function toNextRunAt(rows: { next_at: string | number | null }[]): Date | null {
  const next = rows[0]?.next_at;
  return next === null || next === undefined ? null : new Date(Number(next));
}
