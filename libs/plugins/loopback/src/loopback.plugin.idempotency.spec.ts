import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LoopbackHarness, pdfDocument, sendOptions, waitUntilFinal } from './loopback.test-helpers';
import { providerSidFor } from './provider-sid';

describe('LoopbackPlugin exactly-once', () => {
  let harness: LoopbackHarness;
  beforeEach(() => {
    harness = new LoopbackHarness();
  });
  afterEach(() => harness.dispose());

  it('writes one document for a key sent twice and answers with the same sid', async () => {
    const { plugin } = await harness.start();
    const options = sendOptions('+15550101234', { jobId: 'job-1', idempotencyKey: 'job-1:attempt-1' });

    const first = await plugin.send(options);
    const writtenAt = statSync(join(harness.outboxDir, `${first.providerSid}.pdf`)).mtimeMs;
    const second = await plugin.send(options);

    expect(second.providerSid).toBe(first.providerSid);
    expect(harness.documentsOf('job-1')).toEqual([`${first.providerSid}.pdf`]);
    expect(statSync(join(harness.outboxDir, `${first.providerSid}.pdf`)).mtimeMs).toBe(writtenAt);
  });

  it('writes one document when the same key arrives concurrently', async () => {
    const { plugin } = await harness.start();
    const options = sendOptions('+15550101234', { jobId: 'job-2', idempotencyKey: 'job-2:attempt-1' });

    const results = await Promise.all(Array.from({ length: 5 }, () => plugin.send(options)));

    expect(new Set(results.map((result) => result.providerSid)).size).toBe(1);
    expect(harness.documents()).toHaveLength(1);
    expect(harness.records()).toHaveLength(1);
  });

  it('writes one document when two instances race on one key', async () => {
    const { plugin: one } = await harness.start();
    const { plugin: two } = await harness.start();
    const options = sendOptions('+15550101234', { jobId: 'job-7', idempotencyKey: 'job-7:attempt-1' });

    const [a, b] = await Promise.all([one.send(options), two.send(options)]);

    expect(b.providerSid).toBe(a.providerSid);
    expect(harness.documents()).toHaveLength(1);
    expect(harness.records()).toHaveLength(1);
  });

  it('treats a new key for the same job as a new transmission', async () => {
    const { plugin } = await harness.start();
    const first = await plugin.send(sendOptions('+15550101234', { jobId: 'job-3', idempotencyKey: 'k1' }));
    const second = await plugin.send(sendOptions('+15550101234', { jobId: 'job-3', idempotencyKey: 'k2' }));

    expect(second.providerSid).not.toBe(first.providerSid);
    expect(harness.documentsOf('job-3')).toHaveLength(2);
  });

  it('leaves no temp files behind', async () => {
    const { plugin } = await harness.start();
    await plugin.send(sendOptions('+15550101234'));
    expect(harness.files().filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('adopts a document left without a record by a crash instead of writing it again', async () => {
    const { plugin } = await harness.start();
    const document = pdfDocument(2);
    const providerSid = providerSidFor('job-4:attempt-1');
    const orphan = join(harness.outboxDir, `${providerSid}.pdf`);
    writeFileSync(orphan, await document.read());
    const writtenAt = statSync(orphan).mtimeMs;

    const sent = await plugin.send(sendOptions('+15550101234', { jobId: 'job-4', idempotencyKey: 'job-4:attempt-1', document }));

    expect(sent.providerSid).toBe(providerSid);
    expect(harness.documentsOf('job-4')).toEqual([`${providerSid}.pdf`]);
    expect(statSync(orphan).mtimeMs).toBe(writtenAt);
  });
});

describe('LoopbackPlugin across a restart', () => {
  let harness: LoopbackHarness;
  beforeEach(() => {
    harness = new LoopbackHarness();
  });
  afterEach(() => harness.dispose());

  it('a new instance on the same data directory answers status and still de-duplicates', async () => {
    // Wide enough that the restart itself cannot outlast the delivery delay.
    const { plugin: before } = await harness.start({ deliveryDelayMs: 1000 });
    const options = sendOptions('+15550100005', { jobId: 'job-5', idempotencyKey: 'job-5:attempt-1' });
    const sent = await before.send(options);
    await before.stop();

    const { plugin: after } = await harness.start({ deliveryDelayMs: 1000 });

    expect(await after.getStatus({ jobId: 'job-5', providerSid: sent.providerSid })).toEqual({ status: 'in_progress' });
    expect((await after.send(options)).providerSid).toBe(sent.providerSid);
    expect(harness.documentsOf('job-5')).toHaveLength(1);
    expect(await waitUntilFinal(after, sent.providerSid)).toMatchObject({ status: 'FAILED', errorCode: 'LINE_BUSY' });
  });

  it('keeps counting transient failures of a job across instances', async () => {
    const attempt = async (): Promise<unknown> => {
      const { plugin } = await harness.start({ transientFailures: 2 });
      try {
        return await plugin.send(sendOptions('+15550100002', { jobId: 'job-6' }));
      } finally {
        await plugin.stop();
      }
    };

    await expect(attempt()).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: true });
    await expect(attempt()).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: true });
    await expect(attempt()).resolves.toMatchObject({ status: 'in_progress' });
    expect(harness.documentsOf('job-6')).toHaveLength(1);
  });

  it('keeps a cancellation across instances', async () => {
    const { plugin: before } = await harness.start({ deliveryDelayMs: 1000 });
    const { providerSid } = await before.send(sendOptions('+15550101234'));
    await before.cancel({ jobId: 'j', providerSid });
    await before.stop();

    const { plugin: after } = await harness.start();

    expect(await after.getStatus({ jobId: 'j', providerSid })).toEqual({ status: 'cancelled' });
  });
});
