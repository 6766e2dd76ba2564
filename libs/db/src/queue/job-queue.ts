import type { TxScope } from '../database';

/** Life of a queue task: `ready` → `leased` → `done`, back to `ready` on reschedule, or `dead` when buried. */
export type QueueTaskState = 'ready' | 'leased' | 'done' | 'dead';

/** A unit of background work. Payloads carry ids only; the rows they point to hold the data. */
export interface QueueTask {
  id: string;
  queue: string;
  payload: Record<string, unknown>;
  dedupeKey: string | null;
  state: QueueTaskState;
  runAt: Date;
  /**
   * Claims since the task was last handed back in order (reschedule resets it), including the
   * current one. Above 1 it means earlier workers died or lost their lease: a crash loop signal.
   */
  attempts: number;
  leaseOwner: string | null;
  leaseUntil: Date | null;
  lastError: string | null;
}

/** What to put on a queue. */
export interface EnqueueOptions {
  queue: string;
  /** JSON-serialisable; ids only, never PHI. */
  payload: Record<string, unknown>;
  /** At most one task with this key ever exists, whatever its state. */
  dedupeKey?: string;
  /** Not claimable before this moment (default: now). */
  runAt?: Date;
}

/** Options for {@link JobQueue.claim}. */
export interface ClaimOptions {
  /** Identifies the worker; later calls must present the same owner. */
  owner: string;
  /** How long the task stays the owner's without {@link JobQueue.extendLease}. */
  leaseMs: number;
  /** The current time (default: the clock); tests pass it to travel in time. */
  now?: Date;
}

/**
 * Durable work queue stored in the same database as the jobs. Delivery is at least once: a worker
 * that dies loses its lease and the task is claimed again, so handlers must be idempotent.
 */
export interface JobQueue {
  /**
   * Inserts a ready task; returns null (and inserts nothing) when a task with the same dedupeKey exists.
   * Pass `scope` to enqueue inside the caller's transaction (outbox pattern).
   */
  enqueue(options: EnqueueOptions, scope?: TxScope): Promise<QueueTask | null>;
  /**
   * Atomically takes the oldest due task: (state 'ready' and run_at <= now) or (state 'leased' and
   * lease_until < now, i.e. its worker died). Sets state 'leased', lease_owner, lease_until =
   * now+leaseMs, attempts+1. Two concurrent claimers never get the same task.
   */
  claim(queue: string, options: ClaimOptions): Promise<QueueTask | null>;
  /** Extends the lease to now+leaseMs; false if the task is no longer leased by owner. */
  extendLease(taskId: string, owner: string, leaseMs: number): Promise<boolean>;
  /** Marks the task `done`; false if the task is no longer leased by owner. */
  complete(taskId: string, owner: string): Promise<boolean>;
  /**
   * Back to 'ready' at runAt with the lease cleared; `error` (when given) becomes lastError.
   * False if not leased by owner.
   */
  reschedule(taskId: string, owner: string, options: { runAt: Date; error?: string | null }): Promise<boolean>;
  /** Gives up on the task: state 'dead' with `error` as lastError; false if not leased by owner. */
  bury(taskId: string, owner: string, error: string): Promise<boolean>;
  /** Number of tasks per state, of one queue or of all; every state is present. */
  counts(queue?: string): Promise<Record<QueueTaskState, number>>;
  /**
   * When a claim on this queue can next succeed, for a worker to sleep until: the earliest run_at of
   * a ready task or lease_until of a leased one (its worker may die). May be in the past; null when
   * the queue holds no ready or leased task.
   */
  nextRunAt(queue: string): Promise<Date | null>;
}
