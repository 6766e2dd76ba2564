import type { Database } from '../database';
import type { FaxJobRecord, NewFaxJob } from '../records';
import { newId } from '../new-id';
import { TEST_DATABASE_KINDS, useTestDatabase } from '../testing/test-database.test-helpers';

function newJob(overrides: Partial<NewFaxJob> = {}): NewFaxJob {
  return {
    id: newId(),
    toNumber: '+15551234567',
    fileName: 'referral.pdf',
    documentKey: 'docs/referral.pdf',
    documentType: 'pdf',
    sizeBytes: 2048,
    backend: 'loopback',
    ...overrides,
  };
}

describe.each(TEST_DATABASE_KINDS)('FaxJobRepository on %s', (kind) => {
  const ctx = useTestDatabase(kind);

  it('inserts a queued job and reads it back as a plain record', async () => {
    const before = Date.now();
    const input = newJob();

    const inserted = await ctx.db.jobs.insert(input);
    const found = await ctx.db.jobs.findById(input.id);

    expect(inserted).toEqual({
      ...input,
      status: 'queued',
      error: null,
      errorCode: null,
      pages: null,
      providerSid: null,
      createdAt: expect.any(Date),
      updatedAt: inserted.createdAt,
      completedAt: null,
      documentDeletedAt: null,
    });
    expect(inserted.createdAt.getTime()).toBeGreaterThanOrEqual(before);
    expect(found).toEqual(inserted);
    expect(Object.getPrototypeOf(found)).toBe(Object.prototype);
  });

  it('returns null for an unknown id', async () => {
    await expect(ctx.db.jobs.findById('missing')).resolves.toBeNull();
  });

  it('rejects a duplicate id with UNIQUE_VIOLATION', async () => {
    const job = newJob();
    await ctx.db.jobs.insert(job);

    await expect(ctx.db.jobs.insert(job)).rejects.toMatchObject({ code: 'UNIQUE_VIOLATION' });
  });

  it('moves queued → in_progress → SUCCESS and stamps completedAt only at the end', async () => {
    const job = await ctx.db.jobs.insert(newJob());

    const sending = await ctx.db.jobs.transition(job.id, { from: ['queued'], to: 'in_progress', providerSid: 'sid-1' });
    const done = await ctx.db.jobs.transition(job.id, { from: ['in_progress'], to: 'SUCCESS', pages: 3 });

    expect(sending).toMatchObject({ status: 'in_progress', providerSid: 'sid-1', completedAt: null });
    expect(done).toMatchObject({ status: 'SUCCESS', providerSid: 'sid-1', pages: 3, completedAt: expect.any(Date) });
    expect(done!.updatedAt.getTime()).toBeGreaterThanOrEqual(job.updatedAt.getTime());
  });

  it('never lets a late in_progress overwrite SUCCESS', async () => {
    const job = await ctx.db.jobs.insert(newJob());
    await ctx.db.jobs.transition(job.id, { from: ['queued', 'in_progress'], to: 'SUCCESS' });

    const late = await ctx.db.jobs.transition(job.id, { from: ['queued'], to: 'in_progress' });

    expect(late).toBeNull();
    await expect(ctx.db.jobs.findById(job.id)).resolves.toMatchObject({ status: 'SUCCESS', completedAt: expect.any(Date) });
  });

  it('returns null for an unknown id or an empty `from`', async () => {
    const job = await ctx.db.jobs.insert(newJob());

    await expect(ctx.db.jobs.transition('missing', { from: ['queued'], to: 'FAILED' })).resolves.toBeNull();
    await expect(ctx.db.jobs.transition(job.id, { from: [], to: 'FAILED' })).resolves.toBeNull();
    await expect(ctx.db.jobs.findById(job.id)).resolves.toMatchObject({ status: 'queued' });
  });

  it('keeps fields left undefined and clears fields set to null', async () => {
    const job = await ctx.db.jobs.insert(newJob());
    await ctx.db.jobs.transition(job.id, { from: ['queued'], to: 'in_progress', error: 'busy', errorCode: 'LINE_BUSY' });

    const failed = await ctx.db.jobs.transition(job.id, { from: ['in_progress'], to: 'FAILED', error: null });

    expect(failed).toMatchObject({ status: 'FAILED', error: null, errorCode: 'LINE_BUSY' });
  });

  it('patches non-status fields without touching the status', async () => {
    const job = await ctx.db.jobs.insert(newJob());

    await ctx.db.jobs.patch(job.id, { providerSid: 'sid-2', pages: 7 });
    await ctx.db.jobs.patch(job.id, {});

    await expect(ctx.db.jobs.findById(job.id)).resolves.toMatchObject({ status: 'queued', providerSid: 'sid-2', pages: 7 });
  });

  it('finds a job by its provider id, scoped by backend', async () => {
    const job = await ctx.db.jobs.insert(newJob({ backend: 'phaxio' }));
    await ctx.db.jobs.patch(job.id, { providerSid: 'px-77' });

    await expect(ctx.db.jobs.findByProviderSid('phaxio', 'px-77')).resolves.toMatchObject({ id: job.id });
    await expect(ctx.db.jobs.findByProviderSid('sinch', 'px-77')).resolves.toBeNull();
  });

  it('counts jobs per status, listing every status', async () => {
    const before = await ctx.db.jobs.countByStatus();
    const job = await ctx.db.jobs.insert(newJob());
    await ctx.db.jobs.transition(job.id, { from: ['queued'], to: 'cancelled' });

    const after = await ctx.db.jobs.countByStatus();

    expect(Object.keys(after).sort()).toEqual(['FAILED', 'SUCCESS', 'cancelled', 'in_progress', 'queued']);
    expect(after['cancelled']).toBe((before['cancelled'] ?? 0) + 1);
    expect(after['queued']).toBe(before['queued']);
  });
});

describe.each(TEST_DATABASE_KINDS)('FaxJobRepository retention helpers on %s', (kind) => {
  // A database of its own: the selection is global, so jobs of other tests must not show up in it.
  const ctx = useTestDatabase(kind);
  const pause = () => new Promise((resolve) => setTimeout(resolve, 5));

  async function finished(db: Database, to: 'SUCCESS' | 'FAILED' | 'cancelled'): Promise<FaxJobRecord> {
    const job = await db.jobs.insert(newJob());
    return (await db.jobs.transition(job.id, { from: ['queued'], to }))!;
  }

  it.each([0, -1, 1.5])('rejects the limit %p with INVALID_VALUE', async (limit) => {
    await expect(ctx.db.jobs.findFinishedBefore(new Date(), limit)).rejects.toMatchObject({ code: 'INVALID_VALUE' });
  });

  it('selects final jobs completed at or before the cutoff whose document is not deleted, oldest first', async () => {
    const success = await finished(ctx.db, 'SUCCESS');
    await pause();
    const failed = await finished(ctx.db, 'FAILED');
    await pause();
    const cancelled = await finished(ctx.db, 'cancelled');
    const alreadyDeleted = await finished(ctx.db, 'SUCCESS');
    await ctx.db.jobs.markDocumentDeleted(alreadyDeleted.id, new Date());
    const sending = await ctx.db.jobs.insert(newJob());
    await ctx.db.jobs.transition(sending.id, { from: ['queued'], to: 'in_progress' });
    await ctx.db.jobs.insert(newJob());
    const cutoff = cancelled.completedAt!;
    await pause();
    await finished(ctx.db, 'SUCCESS');

    const due = await ctx.db.jobs.findFinishedBefore(cutoff, 10);
    const first = await ctx.db.jobs.findFinishedBefore(cutoff, 1);

    expect(due.map((job) => job.id)).toEqual([success.id, failed.id, cancelled.id]);
    expect(due[0]).toEqual(success);
    expect(first.map((job) => job.id)).toEqual([success.id]);
  });

  it('marks the document deleted, keeps documentKey and the first deletion time, and skips it afterwards', async () => {
    const job = await finished(ctx.db, 'SUCCESS');
    const at = new Date(Date.UTC(2030, 0, 1));

    await ctx.db.jobs.markDocumentDeleted(job.id, at);
    await ctx.db.jobs.markDocumentDeleted(job.id, new Date(Date.UTC(2031, 0, 1)));
    await ctx.db.jobs.markDocumentDeleted('missing', at);

    await expect(ctx.db.jobs.findById(job.id)).resolves.toEqual({
      ...job,
      documentDeletedAt: at,
      updatedAt: expect.any(Date),
    });
    const due = await ctx.db.jobs.findFinishedBefore(new Date(Date.now() + 60_000), 100);
    expect(due.map((row) => row.id)).not.toContain(job.id);
  });
});
