import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FaxbotError } from '@faxbot/plugin-sdk';
import { LoopbackHarness, pdfDocument, sendOptions, textDocument, waitUntilFinal } from './loopback.test-helpers';

describe('LoopbackPlugin destination patterns', () => {
  let harness: LoopbackHarness;
  beforeEach(() => {
    harness = new LoopbackHarness();
  });
  afterEach(() => harness.dispose());

  it.each([
    ['an ordinary number', '+15550101234', { status: 'SUCCESS', pages: 1 }],
    ['0003 (slow line)', '+15550100003', { status: 'SUCCESS', pages: 1 }],
    ['0004 (no answer)', '+15550100004', { status: 'FAILED', errorCode: 'NO_ANSWER' }],
    ['0005 (line busy)', '+15550100005', { status: 'FAILED', errorCode: 'LINE_BUSY' }],
  ])('%s: accepted in_progress, then final after the delivery delay', async (_label, to, final) => {
    const { plugin } = await harness.start();
    const options = sendOptions(to);

    const sent = await plugin.send(options);

    expect(sent).toEqual({ providerSid: expect.stringMatching(/^lb_[0-9a-f]{24}$/), status: 'in_progress' });
    expect(await plugin.getStatus({ jobId: options.jobId, providerSid: sent.providerSid })).toEqual({ status: 'in_progress' });
    expect(await waitUntilFinal(plugin, sent.providerSid)).toMatchObject(final);
    expect(harness.documentsOf(options.jobId)).toEqual([`${sent.providerSid}.pdf`]);
  });

  it('writes the document byte for byte and a record that keeps only the last four digits', async () => {
    const { plugin } = await harness.start();
    const options = sendOptions('+15550104321', { document: textDocument('hello\n') });

    const { providerSid } = await plugin.send(options);

    expect(readFileSync(join(harness.outboxDir, `${providerSid}.txt`), 'utf8')).toBe('hello\n');
    const [record] = harness.records();
    expect(record).toMatchObject({
      providerSid,
      jobId: options.jobId,
      idempotencyKey: options.idempotencyKey,
      acceptedAt: expect.any(Number),
      pattern: 'deliver',
      destination: '***4321',
      document: { type: 'txt', sizeBytes: 6, pages: 1, file: `${providerSid}.txt` },
    });
    expect(readFileSync(join(harness.outboxDir, `${providerSid}.json`), 'utf8')).not.toContain('555010');
  });

  it('0001: refuses the destination permanently and writes nothing', async () => {
    const { plugin } = await harness.start();

    const error = await plugin.send(sendOptions('+15550100001')).catch((caught: unknown) => caught);

    expect(FaxbotError.is(error)).toBe(true);
    expect(error).toMatchObject({ code: 'NUMBER_INVALID', retryable: false });
    expect(harness.files()).toEqual([]);
  });

  it('0002: fails the first transientFailures attempts of a job as retryable, then accepts', async () => {
    const { plugin } = await harness.start({ transientFailures: 2 });
    const jobId = 'job-transient';

    for (let attempt = 1; attempt <= 2; attempt++) {
      await expect(plugin.send(sendOptions('+15550100002', { jobId }))).rejects.toMatchObject({
        code: 'PROVIDER_UNAVAILABLE',
        retryable: true,
      });
      expect(harness.files()).toEqual([]);
    }
    const sent = await plugin.send(sendOptions('+15550100002', { jobId }));

    expect(sent.status).toBe('in_progress');
    expect(harness.documentsOf(jobId)).toEqual([`${sent.providerSid}.pdf`]);
    expect(await waitUntilFinal(plugin, sent.providerSid)).toMatchObject({ status: 'SUCCESS' });
  });

  it('0002: counts attempts per job, and transientFailures 0 disables the outage', async () => {
    const { plugin } = await harness.start({ transientFailures: 1 });
    await expect(plugin.send(sendOptions('+15550100002', { jobId: 'a' }))).rejects.toMatchObject({ retryable: true });
    await expect(plugin.send(sendOptions('+15550100002', { jobId: 'b' }))).rejects.toMatchObject({ retryable: true });
    await expect(plugin.send(sendOptions('+15550100002', { jobId: 'a' }))).resolves.toMatchObject({ status: 'in_progress' });

    const { plugin: noOutage } = await harness.start({ transientFailures: 0 });
    await expect(noOutage.send(sendOptions('+15550100002', { jobId: 'c' }))).resolves.toMatchObject({ status: 'in_progress' });
  });

  it('0003: waits slowLineDelayMs before accepting', async () => {
    const { plugin } = await harness.start({ slowLineDelayMs: 80 });
    const startedAt = Date.now();

    await plugin.send(sendOptions('+15550100003'));

    // Timers may fire a millisecond early; the point is the order of magnitude.
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(75);
  });

  it('only the trailing digits count', async () => {
    const { plugin } = await harness.start();
    const sent = await plugin.send(sendOptions('+1 (555) 000-1234'));
    await expect(plugin.send(sendOptions('+1 555 010 0001'))).rejects.toMatchObject({ code: 'NUMBER_INVALID' });
    expect(await waitUntilFinal(plugin, sent.providerSid)).toMatchObject({ status: 'SUCCESS' });
  });
});

describe('LoopbackPlugin status and pages', () => {
  let harness: LoopbackHarness;
  beforeEach(() => {
    harness = new LoopbackHarness();
  });
  afterEach(() => harness.dispose());

  it.each(['lb_000000000000000000000000', '../../etc/passwd', 'lb_../outbox'])('refuses unknown fax %s', async (providerSid) => {
    const { plugin } = await harness.start();
    await expect(plugin.getStatus({ jobId: 'j', providerSid })).rejects.toMatchObject({ code: 'PROVIDER_REJECTED' });
  });

  it.each([
    ['a one-page PDF', pdfDocument(1), 1],
    ['a three-page PDF', pdfDocument(3), 3],
    ['an empty text', textDocument(''), 1],
    ['60 lines of text', textDocument('line\n'.repeat(60)), 1],
    ['61 lines of text', textDocument('line\n'.repeat(61)), 2],
    ['130 lines of text without a final newline', textDocument(Array(130).fill('x').join('\n')), 3],
  ])('counts the pages of %s', async (_label, document, pages) => {
    const { plugin } = await harness.start();
    const sent = await plugin.send(sendOptions('+15550101234', { document }));
    expect(await waitUntilFinal(plugin, sent.providerSid)).toEqual({ status: 'SUCCESS', pages });
  });
});

describe('LoopbackPlugin cancel', () => {
  let harness: LoopbackHarness;
  beforeEach(() => {
    harness = new LoopbackHarness();
  });
  afterEach(() => harness.dispose());

  it('cancels a fax in progress for good; a second cancel changes nothing', async () => {
    // A window no test machine can outlast: the cancel must land while the fax is in progress.
    const { plugin } = await harness.start({ deliveryDelayMs: 60_000 });
    const { providerSid } = await plugin.send(sendOptions('+15550101234'));

    await plugin.cancel({ jobId: 'j', providerSid });
    await plugin.cancel({ jobId: 'j', providerSid });
    expect(await plugin.getStatus({ jobId: 'j', providerSid })).toEqual({ status: 'cancelled' });

    // Even once the delivery time has passed (an instance with no delay), it stays cancelled.
    const { plugin: later } = await harness.start({ deliveryDelayMs: 0 });
    expect(await later.getStatus({ jobId: 'j', providerSid })).toEqual({ status: 'cancelled' });
    expect(harness.records()[0]?.cancelledAt).toEqual(expect.any(Number));
  });

  it('refuses to cancel a finished fax', async () => {
    const { plugin } = await harness.start();
    const { providerSid } = await plugin.send(sendOptions('+15550100004'));
    await waitUntilFinal(plugin, providerSid);

    await expect(plugin.cancel({ jobId: 'j', providerSid })).rejects.toMatchObject({ code: 'NOT_SUPPORTED' });
    expect(await plugin.getStatus({ jobId: 'j', providerSid })).toMatchObject({ status: 'FAILED', errorCode: 'NO_ANSWER' });
  });

  it('refuses to cancel an unknown fax', async () => {
    const { plugin } = await harness.start();
    await expect(plugin.cancel({ jobId: 'j', providerSid: 'lb_ffffffffffffffffffffffff' })).rejects.toMatchObject({
      code: 'PROVIDER_REJECTED',
    });
  });
});
