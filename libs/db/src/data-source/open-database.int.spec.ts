import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { newId } from '../new-id';
import type { NewFaxJob } from '../records';
import { TEST_DATABASE_KINDS, TestDatabaseTarget, useTestDatabase } from '../testing/test-database.test-helpers';
import { openDatabase } from './open-database';

function newJob(): NewFaxJob {
  return {
    id: newId(),
    toNumber: '+15551234567',
    fileName: 'a.pdf',
    documentKey: 'docs/a.pdf',
    documentType: 'pdf',
    sizeBytes: 1,
    backend: 'loopback',
  };
}

describe.each(TEST_DATABASE_KINDS)('Database on %s', (kind) => {
  const ctx = useTestDatabase(kind);

  it('reports its kind and answers ping', async () => {
    expect(ctx.db.kind).toBe(kind);
    await expect(ctx.db.ping()).resolves.toBeUndefined();
  });

  it('commits a job and its task together', async () => {
    const job = newJob();

    const taskId = await ctx.db.transaction(async (scope) => {
      await ctx.db.jobs.insert(job, scope);
      const task = await ctx.db.queue.enqueue({ queue: 'tx-commit', payload: { jobId: job.id } }, scope);
      return task!.id;
    });

    expect(taskId).toEqual(expect.any(String));
    await expect(ctx.db.jobs.findById(job.id)).resolves.toMatchObject({ id: job.id });
    await expect(ctx.db.queue.counts('tx-commit')).resolves.toMatchObject({ ready: 1 });
  });

  it('rolls back: after a throw neither the job nor the task exists', async () => {
    const job = newJob();
    const failure = new Error('upload vanished');

    const outcome = ctx.db.transaction(async (scope) => {
      await ctx.db.jobs.insert(job, scope);
      await ctx.db.queue.enqueue({ queue: 'tx-rollback', payload: { jobId: job.id } }, scope);
      throw failure;
    });

    await expect(outcome).rejects.toBe(failure);
    await expect(ctx.db.jobs.findById(job.id)).resolves.toBeNull();
    await expect(ctx.db.queue.counts('tx-rollback')).resolves.toEqual({ ready: 0, leased: 0, done: 0, dead: 0 });
  });

  it('keeps the transaction usable after a deduplicated enqueue', async () => {
    await ctx.db.queue.enqueue({ queue: 'tx-dedupe', payload: {}, dedupeKey: 'tx-dedupe-key' });
    const job = newJob();

    const task = await ctx.db.transaction(async (scope) => {
      const duplicate = await ctx.db.queue.enqueue({ queue: 'tx-dedupe', payload: {}, dedupeKey: 'tx-dedupe-key' }, scope);
      await ctx.db.jobs.insert(job, scope);
      return duplicate;
    });

    expect(task).toBeNull();
    await expect(ctx.db.jobs.findById(job.id)).resolves.not.toBeNull();
  });

  it('runs concurrent transactions without mixing them up', async () => {
    const jobs = Array.from({ length: 5 }, newJob);

    const results = await Promise.allSettled(
      jobs.map((job, n) =>
        ctx.db.transaction(async (scope) => {
          await ctx.db.jobs.insert(job, scope);
          await new Promise((resolve) => setTimeout(resolve, 5));
          if (n % 2 === 1) throw new Error('odd ones roll back');
        }),
      ),
    );

    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected', 'fulfilled']);
    const found = await Promise.all(jobs.map((job) => ctx.db.jobs.findById(job.id)));
    expect(found.map((job) => job !== null)).toEqual([true, false, true, false, true]);
  });

  it.each([
    ['a call without the scope', () => ctx.db.jobs.findById('any')],
    ['a nested transaction', () => ctx.db.transaction(async () => undefined)],
  ])('rejects %s inside a transaction with SCOPE_MISUSE and rolls back', async (_case, misuse) => {
    const job = newJob();

    const outcome = ctx.db.transaction(async (scope) => {
      await ctx.db.jobs.insert(job, scope);
      await misuse();
    });

    await expect(outcome).rejects.toMatchObject({ code: 'SCOPE_MISUSE' });
    await expect(ctx.db.jobs.findById(job.id)).resolves.toBeNull();
  });

  it('rejects a scope after its transaction ended', async () => {
    const scope = await ctx.db.transaction(async (s) => s);

    await expect(ctx.db.jobs.insert(newJob(), scope)).rejects.toMatchObject({ code: 'SCOPE_MISUSE' });
  });

  it('rejects a scope of another database', async () => {
    const other = await ctx.target.open();

    const outcome = other.transaction((scope) => ctx.db.jobs.insert(newJob(), scope));

    await expect(outcome).rejects.toMatchObject({ code: 'SCOPE_MISUSE' });
  });
});

describe.each(TEST_DATABASE_KINDS)('openDatabase / close / revertMigrations on %s', (kind) => {
  let target: TestDatabaseTarget;

  beforeEach(() => {
    target = TestDatabaseTarget.create(kind);
  });

  afterEach(async () => {
    await target.dispose();
  });

  it('keeps data across reopening and applies migrations only once', async () => {
    const job = newJob();
    const first = await target.open();
    await first.jobs.insert(job);
    await first.close();

    const second = await target.open();

    await expect(second.jobs.findById(job.id)).resolves.toMatchObject({ id: job.id });
  });

  it('rejects ping after close, and closing twice is harmless', async () => {
    const db = await target.open();

    await db.close();

    await expect(db.ping()).rejects.toThrow();
    await expect(db.close()).resolves.toBeUndefined();
  });

  it('reverts every migration, and the next open migrates again', async () => {
    const db = await target.open();
    await db.jobs.insert(newJob());

    await db.revertMigrations();

    await expect(db.jobs.countByStatus()).rejects.toThrow();
    const reopened = await target.open();
    await expect(reopened.jobs.countByStatus()).resolves.toMatchObject({ queued: 0 });
  });

  if (kind === 'sqlite') {
    it('creates the parent directory of the SQLite file', async () => {
      const path = target.options.sqlitePath!;
      expect(existsSync(dirname(path))).toBe(false);

      await target.open();

      expect(existsSync(path)).toBe(true);
    });

    it('opens a private in-memory database', async () => {
      const db = await openDatabase({ url: 'sqlite://:memory:' });
      try {
        await db.jobs.insert(newJob());
        await expect(db.jobs.countByStatus()).resolves.toMatchObject({ queued: 1 });
      } finally {
        await db.close();
      }
    });
  }

  if (kind === 'postgres') {
    it('rejects when the server is unreachable', async () => {
      const unreachable = openDatabase({ url: 'postgres://postgres@127.0.0.1:1/none' });

      await expect(unreachable).rejects.toThrow();
    });
  }
});
