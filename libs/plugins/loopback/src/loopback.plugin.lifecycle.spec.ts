import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createTestDeps } from '@faxbot/plugin-sdk/testing';
import { createPlugin } from './index';
import { DEFAULT_LOOPBACK_CONFIG, type LoopbackConfig } from './loopback-config';
import { LoopbackPlugin } from './loopback.plugin';
import { FAST, LoopbackHarness, sendOptions, textDocument, waitUntilFinal } from './loopback.test-helpers';

describe('LoopbackPlugin configuration', () => {
  const plugin = createPlugin();

  it.each<[string, Partial<LoopbackConfig>]>([
    ['the defaults', {}],
    ['an absolute outbox', { outboxDir: '/var/lib/faxbot/outbox' }],
    ['zero delays', { deliveryDelayMs: 0, slowLineDelayMs: 0, transientFailures: 0 }],
  ])('accepts %s', async (_label, config) => {
    await expect(plugin.validateConfig({ ...DEFAULT_LOOPBACK_CONFIG, ...config })).resolves.toEqual({ ok: true });
  });

  it.each<[string, Partial<LoopbackConfig>, string]>([
    ['a relative outbox', { outboxDir: 'outbox' }, 'config.outboxDir'],
    ['a dot-relative outbox', { outboxDir: './var/outbox' }, 'config.outboxDir'],
    ['a negative delay', { deliveryDelayMs: -1 }, 'config.deliveryDelayMs'],
    ['a fractional delay', { slowLineDelayMs: 1.5 }, 'config.slowLineDelayMs'],
    ['a non-number', { transientFailures: '2' as unknown as number }, 'config.transientFailures'],
  ])('refuses %s', async (_label, config, field) => {
    const result = await plugin.validateConfig({ ...DEFAULT_LOOPBACK_CONFIG, ...config });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.join('; ')).toContain(field);
  });

  it('refuses to start with a relative outbox', async () => {
    const deps = createTestDeps({ pluginId: 'loopback' });
    try {
      await expect(new LoopbackPlugin().start({ ...FAST, outboxDir: 'relative' }, deps)).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
    } finally {
      rmSync(deps.dataDir, { recursive: true, force: true });
    }
  });
});

describe('LoopbackPlugin lifecycle', () => {
  let harness: LoopbackHarness;
  beforeEach(() => {
    harness = new LoopbackHarness();
  });
  afterEach(() => harness.dispose());

  it('creates a configured outbox, parents included, and writes there', async () => {
    const outboxDir = join(harness.dataDir, 'deep', 'er', 'outbox');
    const { plugin } = await harness.start({ outboxDir });

    const sent = await plugin.send(sendOptions('+15550101234', { jobId: 'job-1' }));

    expect(harness.documentsOf('job-1', outboxDir)).toEqual([`${sent.providerSid}.pdf`]);
    expect(existsSync(harness.outboxDir)).toBe(false);
  });

  it('reports health from the outbox', async () => {
    const plugin = new LoopbackPlugin();
    await expect(plugin.health()).resolves.toMatchObject({ status: 'down' });

    const { plugin: started } = await harness.start();
    await expect(started.health()).resolves.toEqual({ status: 'ok' });

    rmSync(harness.outboxDir, { recursive: true });
    await expect(started.health()).resolves.toMatchObject({ status: 'down' });
  });

  it('answers calls before start or after stop with a retryable error', async () => {
    const { plugin } = await harness.start();
    await plugin.stop();
    await plugin.stop();

    await expect(plugin.send(sendOptions('+15550101234'))).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: true });
    await expect(new LoopbackPlugin().getStatus({ jobId: 'j', providerSid: 'lb_x' })).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE' });
  });

  it('gives up a slow-line wait when the send is aborted, writing nothing', async () => {
    const { plugin } = await harness.start({ slowLineDelayMs: 5000 });
    const controller = new AbortController();
    const startedAt = Date.now();

    const sending = plugin.send(sendOptions('+15550100003', { signal: controller.signal }));
    setTimeout(() => controller.abort(), 20);

    await expect(sending).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: true });
    expect(Date.now() - startedAt).toBeLessThan(2000);
    expect(harness.files()).toEqual([]);
  });

  it('refuses a send whose signal is already aborted, writing nothing', async () => {
    const { plugin } = await harness.start();
    await expect(plugin.send(sendOptions('+15550101234', { signal: AbortSignal.abort() }))).rejects.toMatchObject({ retryable: true });
    expect(harness.files()).toEqual([]);
  });

  it('aborts pending slow-line waits on stop, writing nothing', async () => {
    const { plugin } = await harness.start({ slowLineDelayMs: 5000 });

    const sending = plugin.send(sendOptions('+15550100003'));
    setTimeout(() => void plugin.stop(), 20);

    await expect(sending).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: true });
    expect(harness.files()).toEqual([]);
  });
});

describe('LoopbackPlugin logging', () => {
  let harness: LoopbackHarness;
  beforeEach(() => {
    harness = new LoopbackHarness();
  });
  afterEach(() => harness.dispose());

  it('logs one info line on start, with no path', async () => {
    const { deps } = await harness.start({ outboxDir: join(harness.dataDir, 'outbox-5550101234') });
    expect(deps.logLines).toEqual([{ level: 'info', message: expect.any(String), fields: expect.any(Object) }]);
    expect(JSON.stringify(deps.logLines)).not.toContain(harness.dataDir);
    expect(JSON.stringify(deps.logLines)).not.toContain('5550101234');
  });

  it('never logs a phone number or document content, whatever happens to the fax', async () => {
    const { plugin, deps } = await harness.start({ transientFailures: 1, slowLineDelayMs: 10 });
    const secret = 'PATIENT Jane Roe, DOB 1970-01-01';
    const numbers = ['+15550101234', '+15550100002', '+15550100003', '+15550100004', '+15550100005'];
    const rejected = '+15550100001';
    const notSent = '+15550109999';
    const document = textDocument(secret);

    for (const [index, to] of numbers.entries()) {
      const options = sendOptions(to, { jobId: `job-${index}`, document });
      // The transient number fails its first attempt; the retry takes a fresh key, as the host does.
      const sent = await plugin.send(options).catch(() => plugin.send({ ...options, idempotencyKey: `${options.idempotencyKey}:2` }));
      await plugin.send({ ...options, idempotencyKey: `${options.idempotencyKey}:2` }).catch(() => undefined);
      await waitUntilFinal(plugin, sent.providerSid);
      await plugin.cancel({ jobId: options.jobId, providerSid: sent.providerSid }).catch(() => undefined);
    }
    await expect(plugin.send(sendOptions(rejected, { document }))).rejects.toMatchObject({ code: 'NUMBER_INVALID' });
    await expect(plugin.send(sendOptions(notSent, { signal: AbortSignal.abort(), document }))).rejects.toMatchObject({ retryable: true });

    const logged = JSON.stringify(deps.logLines);
    expect(deps.logLines.length).toBeGreaterThan(numbers.length);
    for (const to of [...numbers, rejected, notSent]) {
      expect(logged).not.toContain(to.slice(1));
      expect(logged).not.toContain(to.slice(2));
    }
    expect(logged).not.toContain('Jane Roe');
    expect(logged).not.toContain(harness.dataDir);
  });
});
