import { newId } from '../new-id';
import { TEST_DATABASE_KINDS, useTestDatabase } from '../testing/test-database.test-helpers';

describe.each(TEST_DATABASE_KINDS)('FaxAttemptRepository on %s', (kind) => {
  const ctx = useTestDatabase(kind);

  async function createJob(): Promise<string> {
    const job = await ctx.db.jobs.insert({
      id: newId(),
      toNumber: '+15551234567',
      fileName: 'a.txt',
      documentKey: 'docs/a.txt',
      documentType: 'txt',
      sizeBytes: 10,
      backend: 'loopback',
    });
    return job.id;
  }

  it('starts an attempt in state sending', async () => {
    const jobId = await createJob();

    const attempt = await ctx.db.attempts.start({ jobId, attemptNo: 1, idempotencyKey: `${jobId}:1` });

    expect(attempt).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{32}$/),
      jobId,
      attemptNo: 1,
      idempotencyKey: `${jobId}:1`,
      state: 'sending',
      providerSid: null,
      errorCode: null,
      error: null,
      startedAt: expect.any(Date),
      finishedAt: null,
    });
    await expect(ctx.db.attempts.latestForJob(jobId)).resolves.toEqual(attempt);
  });

  it('lists attempts in order and reports the highest as latest', async () => {
    const jobId = await createJob();
    const first = await ctx.db.attempts.start({ jobId, attemptNo: 1, idempotencyKey: `${jobId}:1` });
    const second = await ctx.db.attempts.start({ jobId, attemptNo: 2, idempotencyKey: `${jobId}:2` });

    await ctx.db.attempts.finish(first.id, { state: 'failed_retryable', errorCode: 'LINE_BUSY', error: 'busy' });

    const list = await ctx.db.attempts.listForJob(jobId);
    expect(list.map((attempt) => attempt.attemptNo)).toEqual([1, 2]);
    expect(list[0]).toMatchObject({ state: 'failed_retryable', errorCode: 'LINE_BUSY', error: 'busy', finishedAt: expect.any(Date) });
    await expect(ctx.db.attempts.latestForJob(jobId)).resolves.toEqual(second);
  });

  it('records the provider id when an attempt is sent', async () => {
    const jobId = await createJob();
    const attempt = await ctx.db.attempts.start({ jobId, attemptNo: 1, idempotencyKey: `${jobId}:1` });

    await ctx.db.attempts.finish(attempt.id, { state: 'sent', providerSid: 'sid-9' });

    await expect(ctx.db.attempts.latestForJob(jobId)).resolves.toMatchObject({ state: 'sent', providerSid: 'sid-9', error: null });
  });

  it('returns null and an empty list for a job without attempts', async () => {
    const jobId = await createJob();

    await expect(ctx.db.attempts.latestForJob(jobId)).resolves.toBeNull();
    await expect(ctx.db.attempts.listForJob(jobId)).resolves.toEqual([]);
  });

  it.each([
    ['the same idempotency key', (jobId: string) => ({ jobId, attemptNo: 2, idempotencyKey: `${jobId}:1` })],
    ['the same attempt number', (jobId: string) => ({ jobId, attemptNo: 1, idempotencyKey: `${jobId}:other` })],
  ])('rejects a second attempt with %s as UNIQUE_VIOLATION', async (_case, second) => {
    const jobId = await createJob();
    await ctx.db.attempts.start({ jobId, attemptNo: 1, idempotencyKey: `${jobId}:1` });

    await expect(ctx.db.attempts.start(second(jobId))).rejects.toMatchObject({ code: 'UNIQUE_VIOLATION' });
  });

  it('rejects an attempt for an unknown job (foreign key)', async () => {
    await expect(ctx.db.attempts.start({ jobId: 'missing', attemptNo: 1, idempotencyKey: newId() })).rejects.toThrow();
  });
});
