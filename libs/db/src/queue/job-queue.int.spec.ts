import type { Database } from '../database';
import { TEST_DATABASE_KINDS, useTestDatabase } from '../testing/test-database.test-helpers';

const LEASE_MS = 30_000;
let queueCounter = 0;

/** A queue name of its own per test, so tests sharing one database cannot see each other's tasks. */
function freshQueue(): string {
  queueCounter += 1;
  return `q${queueCounter}`;
}

function later(ms: number): Date {
  return new Date(Date.now() + ms);
}

describe.each(TEST_DATABASE_KINDS)('JobQueue on %s', (kind) => {
  const ctx = useTestDatabase(kind);
  const claim = (queue: string, owner = 'worker-a', now?: Date) => ctx.db.queue.claim(queue, { owner, leaseMs: LEASE_MS, now });

  it('enqueues a ready task with its payload', async () => {
    const queue = freshQueue();

    const task = await ctx.db.queue.enqueue({ queue, payload: { jobId: 'j1' }, dedupeKey: `send:${queue}` });

    expect(task).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{32}$/),
      queue,
      payload: { jobId: 'j1' },
      dedupeKey: `send:${queue}`,
      state: 'ready',
      runAt: expect.any(Date),
      attempts: 0,
      leaseOwner: null,
      leaseUntil: null,
      lastError: null,
    });
  });

  it('returns null and inserts nothing for a duplicate dedupeKey', async () => {
    const queue = freshQueue();
    await ctx.db.queue.enqueue({ queue, payload: { n: 1 }, dedupeKey: `dup:${queue}` });

    await expect(ctx.db.queue.enqueue({ queue, payload: { n: 2 }, dedupeKey: `dup:${queue}` })).resolves.toBeNull();
    await expect(ctx.db.queue.counts(queue)).resolves.toEqual({ ready: 1, leased: 0, done: 0, dead: 0 });
  });

  it('allows any number of tasks without a dedupeKey', async () => {
    const queue = freshQueue();
    await ctx.db.queue.enqueue({ queue, payload: {} });
    await ctx.db.queue.enqueue({ queue, payload: {} });

    await expect(ctx.db.queue.counts(queue)).resolves.toMatchObject({ ready: 2 });
  });

  it('claims the task with the earliest run_at first and leases it', async () => {
    const queue = freshQueue();
    const now = new Date();
    await ctx.db.queue.enqueue({ queue, payload: { n: 2 }, runAt: new Date(now.getTime() - 1_000) });
    await ctx.db.queue.enqueue({ queue, payload: { n: 1 }, runAt: new Date(now.getTime() - 2_000) });

    const first = await claim(queue, 'worker-a', now);
    const second = await claim(queue, 'worker-a', now);

    expect(first).toMatchObject({ payload: { n: 1 }, state: 'leased', leaseOwner: 'worker-a', attempts: 1 });
    expect(first!.leaseUntil).toEqual(new Date(now.getTime() + LEASE_MS));
    expect(second).toMatchObject({ payload: { n: 2 } });
    await expect(claim(queue, 'worker-a', now)).resolves.toBeNull();
  });

  it('does not claim a task whose run_at is in the future, nor one of another queue', async () => {
    const queue = freshQueue();
    await ctx.db.queue.enqueue({ queue, payload: {}, runAt: later(60_000) });
    await ctx.db.queue.enqueue({ queue: freshQueue(), payload: {} });

    await expect(claim(queue)).resolves.toBeNull();
    await expect(claim(queue, 'worker-a', later(61_000))).resolves.toMatchObject({ queue });
  });

  it('lets another owner reclaim a task whose lease expired', async () => {
    const queue = freshQueue();
    await ctx.db.queue.enqueue({ queue, payload: {} });
    const first = await claim(queue, 'worker-a');

    await expect(claim(queue, 'worker-b')).resolves.toBeNull();
    const second = await claim(queue, 'worker-b', later(LEASE_MS + 1_000));

    expect(second).toMatchObject({ id: first!.id, leaseOwner: 'worker-b', attempts: 2 });
    await expect(ctx.db.queue.complete(first!.id, 'worker-a')).resolves.toBe(false);
  });

  it('extends a lease only for its owner', async () => {
    const queue = freshQueue();
    await ctx.db.queue.enqueue({ queue, payload: {} });
    const task = await claim(queue, 'worker-a');

    await expect(ctx.db.queue.extendLease(task!.id, 'worker-b', LEASE_MS)).resolves.toBe(false);
    await expect(ctx.db.queue.extendLease(task!.id, 'worker-a', 10 * LEASE_MS)).resolves.toBe(true);
    // Past the original lease but inside the extended one, nobody else may take it.
    await expect(claim(queue, 'worker-b', later(2 * LEASE_MS))).resolves.toBeNull();
  });

  it('completes a task only for its owner, once', async () => {
    const queue = freshQueue();
    await ctx.db.queue.enqueue({ queue, payload: {} });
    const task = await claim(queue);

    await expect(ctx.db.queue.complete(task!.id, 'worker-b')).resolves.toBe(false);
    await expect(ctx.db.queue.complete(task!.id, 'worker-a')).resolves.toBe(true);
    await expect(ctx.db.queue.complete(task!.id, 'worker-a')).resolves.toBe(false);
    await expect(ctx.db.queue.counts(queue)).resolves.toEqual({ ready: 0, leased: 0, done: 1, dead: 0 });
  });

  it('reschedules a task: ready again at runAt, lease cleared, error kept, claim count restarted', async () => {
    const queue = freshQueue();
    await ctx.db.queue.enqueue({ queue, payload: {} });
    const task = await claim(queue);
    const runAt = later(60_000);

    await expect(ctx.db.queue.reschedule(task!.id, 'worker-b', { runAt })).resolves.toBe(false);
    await expect(ctx.db.queue.reschedule(task!.id, 'worker-a', { runAt, error: 'LINE_BUSY' })).resolves.toBe(true);

    await expect(claim(queue)).resolves.toBeNull();
    const again = await claim(queue, 'worker-a', later(61_000));
    expect(again).toMatchObject({ id: task!.id, runAt, attempts: 1, lastError: 'LINE_BUSY' });
    await ctx.db.queue.reschedule(task!.id, 'worker-a', { runAt: new Date(0) });
    await expect(claim(queue)).resolves.toMatchObject({ lastError: 'LINE_BUSY', attempts: 1 });
  });

  it('buries a task as dead with its error', async () => {
    const queue = freshQueue();
    await ctx.db.queue.enqueue({ queue, payload: {} });
    const task = await claim(queue);

    await expect(ctx.db.queue.bury(task!.id, 'worker-b', 'nope')).resolves.toBe(false);
    await expect(ctx.db.queue.bury(task!.id, 'worker-a', 'NUMBER_INVALID')).resolves.toBe(true);

    await expect(ctx.db.queue.counts(queue)).resolves.toEqual({ ready: 0, leased: 0, done: 0, dead: 1 });
    await expect(claim(queue, 'worker-a', later(10 * LEASE_MS))).resolves.toBeNull();
  });

  it('counts across all queues when no queue is named', async () => {
    const queue = freshQueue();
    const before = await ctx.db.queue.counts();
    await ctx.db.queue.enqueue({ queue, payload: {} });

    const after = await ctx.db.queue.counts();

    expect(after.ready).toBe(before.ready + 1);
  });

  it('reports when a claim can next succeed', async () => {
    const queue = freshQueue();
    await expect(ctx.db.queue.nextRunAt(queue)).resolves.toBeNull();
    const soon = later(5_000);
    const lateRun = later(90_000);
    await ctx.db.queue.enqueue({ queue, payload: {}, runAt: lateRun });
    await ctx.db.queue.enqueue({ queue, payload: {}, runAt: soon });

    await expect(ctx.db.queue.nextRunAt(queue)).resolves.toEqual(soon);

    const now = later(6_000);
    const task = await claim(queue, 'worker-a', now);
    // The leased task can be reclaimed once its lease runs out, before the other task is due.
    await expect(ctx.db.queue.nextRunAt(queue)).resolves.toEqual(new Date(now.getTime() + LEASE_MS));
    await ctx.db.queue.complete(task!.id, 'worker-a');
    await expect(ctx.db.queue.nextRunAt(queue)).resolves.toEqual(lateRun);
  });

  it('never hands one task to two concurrent claimers, across connections', async () => {
    const queue = freshQueue();
    const second = await ctx.target.open();
    const instances: Database[] = [ctx.db, second];
    const enqueued = await Promise.all(
      Array.from({ length: 20 }, (_, n) => ctx.db.queue.enqueue({ queue, payload: { n } })),
    );

    // Each claimer takes tasks until the queue is empty, through one of two instances (separate pools
    // on PostgreSQL, separate connections to one file on SQLite, as two processes would have).
    const claimer = async (index: number): Promise<string[]> => {
      const db = instances[index % instances.length]!;
      const ids: string[] = [];
      for (;;) {
        const task = await db.queue.claim(queue, { owner: `w${index}`, leaseMs: LEASE_MS });
        if (!task) return ids;
        ids.push(task.id);
      }
    };
    const claimed = (await Promise.all([0, 1, 2, 3, 4].map(claimer))).flat();

    expect(claimed.sort()).toEqual(enqueued.map((task) => task!.id).sort());
    await expect(ctx.db.queue.counts(queue)).resolves.toEqual({ ready: 0, leased: 20, done: 0, dead: 0 });
  });
});
