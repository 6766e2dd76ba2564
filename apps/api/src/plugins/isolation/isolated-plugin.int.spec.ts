import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createLogger } from '@faxbot/audit';
import { FaxbotError } from '@faxbot/plugin-sdk';
import { createTestDeps } from '@faxbot/plugin-sdk/testing';
import { createPluginLogger } from '../plugin-logger.adapter';
import { createIsolatedPlugin } from './isolated-plugin';
import { TIERS, binaryDocument, fixture, processExists, startIsolated, waitFor, type Started } from './isolation.test-helpers';

// The embedded loopback plugin as the host would load it: its built entry (built before these tests run).
const LOOPBACK_ENTRY = join(__dirname, '../../../../../libs/plugins/loopback/dist/index.js');
const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

describe.each(TIERS)('isolated plugin (%s tier)', (tier) => {
  let running: Started[] = [];
  const start = async (...args: Parameters<typeof startIsolated> extends [unknown, ...infer R] ? R : never): Promise<Started> => {
    const started = await startIsolated(tier, ...args);
    running.push(started);
    return started;
  };
  afterEach(async () => {
    await Promise.all(running.map(({ plugin }) => plugin.stop()));
    running = [];
  });

  it('sends a document and reads a status through the child, bytes intact', async () => {
    const { plugin, states } = await start(fixture('echo-plugin.js'));
    const { document, bytes } = binaryDocument();
    const result = await plugin.send({ jobId: 'job-1', to: '+15551234567', document, idempotencyKey: 'job-1-1', signal: new AbortController().signal });
    expect(result).toMatchObject({
      providerSid: 'sid-job-1-1',
      status: 'in_progress',
      echo: { jobId: 'job-1', type: 'pdf', mimeType: 'application/pdf', fileName: 'scan.pdf', sizeBytes: bytes.length, readSha: sha256(bytes), openSha: sha256(bytes), isBuffer: true },
    });
    expect(await plugin.getStatus({ jobId: 'job-1', providerSid: result.providerSid })).toEqual({ status: 'SUCCESS', pages: 2 });
    expect(states).toEqual([{ state: 'running', reason: null }]);
    expect(plugin.state).toBe('running');
  });

  it('serves the document members only the host has, and relays pushed status reports', async () => {
    const deps = createTestDeps({ pluginId: 'echo' });
    const { plugin } = await start(fixture('echo-plugin.js'), { deps });
    const { document } = binaryDocument(32);
    const asked: Array<number | undefined> = [];
    const rich = {
      ...document,
      createPublicUrl: async (options: { ttlSeconds?: number } = {}) => {
        asked.push(options.ttlSeconds);
        return 'https://fax.example.test/fax/j/pdf?token=abc';
      },
      toFaxTiff: async () => ({ bytes: Buffer.alloc(300, 1), pages: 4 }),
    };
    const result = (await plugin.send({ jobId: 'j', to: '+15550000002', document: rich, idempotencyKey: 'k2' })) as unknown as { echo: Record<string, unknown> };
    expect(result.echo).toEqual({ url: 'https://fax.example.test/fax/j/pdf?token=abc', tiffBytes: 300, tiffIsBuffer: true });
    expect(asked).toEqual([120]);
    expect(await deps.waitForStatus((update) => update.providerSid === 'sid-k2', 4_000)).toEqual({ providerSid: 'sid-k2', status: 'SUCCESS', pages: 4 });
  });

  it('relays deps.storage calls to the host, errors included', async () => {
    const deps = createTestDeps({ pluginId: 'echo' });
    const { plugin } = await start(fixture('echo-plugin.js'), { deps });
    const result = (await plugin.send({ jobId: 'j', to: '+15550000003', document: binaryDocument(16).document, idempotencyKey: 'k4' })) as unknown as { echo: Record<string, unknown> };
    expect(result.echo).toEqual({ put: 'notes/a.txt', size: 18, read: 'kept by the plugin', readIsBuffer: true, listed: ['notes/a.txt'], gone: null, refused: 'CONFIG_INVALID' });
  });

  it('gives the child a document without host members when the host has none', async () => {
    const { plugin } = await start(fixture('echo-plugin.js'));
    const result = (await plugin.send({ jobId: 'j', to: '+15550000002', document: binaryDocument(16).document, idempotencyKey: 'k3' })) as unknown as { echo: Record<string, unknown> };
    expect(result.echo).toEqual({ url: null, tiffBytes: null, tiffIsBuffer: null });
  });

  it('runs the plugin in another thread or process', async () => {
    const { plugin } = await start(fixture('echo-plugin.js'));
    const result = (await plugin.send({ jobId: 'j', to: '+15551234567', document: binaryDocument(16).document, idempotencyKey: 'k' })) as unknown as { echo: { pid: number } };
    if (tier === 'process') {
      expect(plugin.child?.pid).toBe(result.echo.pid);
      expect(result.echo.pid).not.toBe(process.pid);
    } else {
      expect(plugin.child?.threadId).toBeGreaterThan(0);
      expect(result.echo.pid).toBe(process.pid);
    }
  });

  it('reports which optional methods the plugin has, and refuses the others as NOT_SUPPORTED', async () => {
    const { plugin } = await start(fixture('echo-plugin.js'));
    expect(plugin.has('cancel')).toBe(true);
    expect(plugin.has('health')).toBe(true);
    expect(plugin.has('handleWebhook')).toBe(false);
    await expect(plugin.cancel({ jobId: 'j', providerSid: 'sid' })).resolves.toBeUndefined();
    const refused = await plugin.handleWebhook({ method: 'POST', path: '', url: 'http://x', headers: {}, query: {}, rawBody: Buffer.from('{}') }).catch((error: unknown) => error);
    expect(FaxbotError.is(refused) && refused.code).toBe('NOT_SUPPORTED');
  });

  it.each([
    ['retryable', 'PROVIDER_UNAVAILABLE', true],
    ['permanent', 'NUMBER_INVALID', false],
  ])('keeps a %s FaxbotError a real FaxbotError with its code and retryable flag', async (providerSid, code, retryable) => {
    const { plugin } = await start(fixture('echo-plugin.js'));
    const error = await plugin.getStatus({ jobId: 'j', providerSid }).catch((caught: unknown) => caught);
    expect(FaxbotError.is(error)).toBe(true);
    expect(error).toBeInstanceOf(FaxbotError);
    expect(error).toMatchObject({ code, retryable });
    expect(plugin.state).toBe('running');
  });

  it.each([
    ['plain', 'TypeError'],
    ['string', 'Error'],
    ['unclonable', 'Error'],
  ])('turns a %s failure into a plain Error, so the dispatcher treats the outcome as unknown', async (providerSid, name) => {
    const { plugin } = await start(fixture('echo-plugin.js'));
    const error = await plugin.getStatus({ jobId: 'j', providerSid }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Error);
    expect(FaxbotError.is(error)).toBe(false);
    expect((error as Error).name).toBe(name);
    expect(plugin.state).toBe('running');
  });

  it('forwards an abort to the signal the plugin holds', async () => {
    const { plugin } = await start(fixture('echo-plugin.js'));
    const controller = new AbortController();
    const sending = plugin.send({ jobId: 'j', to: '+15550000000', document: binaryDocument(16).document, idempotencyKey: 'k', signal: controller.signal });
    setTimeout(() => controller.abort(), 30);
    const error = await sending.catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: true, message: 'send aborted before acceptance' });
  });

  it('passes an already aborted signal as aborted', async () => {
    const { plugin } = await start(fixture('echo-plugin.js'));
    const result = (await plugin.send({ jobId: 'j', to: '+15551234567', document: binaryDocument(16).document, idempotencyKey: 'k', signal: AbortSignal.abort() })) as unknown as {
      echo: { signalAborted: boolean };
    };
    expect(result.echo.signalAborted).toBe(true);
  });

  it('writes the child’s log lines and stderr through the host’s plugin logger, which masks phone numbers', async () => {
    let output = '';
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        output += chunk.toString();
        done();
      },
    });
    const deps = { ...createTestDeps({ pluginId: 'echo' }), logger: createPluginLogger(createLogger({ level: 'debug', destination }), 'echo', 'echo') };
    const { plugin } = await start(fixture('echo-plugin.js'), { deps });
    await plugin.getStatus({ jobId: 'j', providerSid: 'log-phone' });
    await waitFor(() => output.includes('stderr line'));
    expect(output).toContain('echo started for');
    expect(output).toContain('calling');
    expect(output).toContain('***4321');
    expect(output).not.toContain('5557654321');
    expect(output).not.toContain('5551234567');
    for (const line of output.trim().split('\n')) expect(JSON.parse(line)).toMatchObject({ plugin: 'echo', instance: 'echo' });
  });

  it('gives the child none of the host’s environment except PATH', async () => {
    process.env['FAXBOT_TEST_SECRET'] = 'hunter2';
    try {
      const { plugin } = await start(fixture('echo-plugin.js'));
      expect(await plugin.health()).toEqual({ status: 'ok', detail: 'PATH' });
    } finally {
      delete process.env['FAXBOT_TEST_SECRET'];
    }
  });

  it('validates config in the child before start', async () => {
    const deps = createTestDeps({ pluginId: 'echo' });
    const plugin = createIsolatedPlugin({ tier, entryPath: fixture('echo-plugin.js'), pluginId: 'echo', instanceId: 'echo', config: {}, deps });
    try {
      expect(await plugin.validateConfig({ refuse: true })).toEqual({ ok: false, errors: ['refused by the fixture'] });
      expect(plugin.state).toBe('idle');
      await plugin.start({}, deps);
      expect(await plugin.validateConfig({})).toEqual({ ok: true });
    } finally {
      await plugin.stop();
    }
  });

  it('refuses calls before start with a retryable PROVIDER_UNAVAILABLE', async () => {
    const deps = createTestDeps({ pluginId: 'echo' });
    const plugin = createIsolatedPlugin({ tier, entryPath: fixture('echo-plugin.js'), pluginId: 'echo', instanceId: 'echo', config: {}, deps });
    await expect(plugin.getStatus({ jobId: 'j', providerSid: 's' })).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: true });
    expect(await plugin.health()).toMatchObject({ status: 'down' });
    expect(plugin.child).toBeNull();
  });

  it('stops the plugin and leaves no child behind', async () => {
    const { plugin, deps } = await startIsolated(tier, fixture('echo-plugin.js'));
    const child = plugin.child!;
    await plugin.stop();
    expect(deps.logLines!.map((line) => line.message)).toContain('echo stopped');
    expect(plugin.child).toBeNull();
    expect(plugin.state).toBe('stopped');
    if (tier === 'process') expect(processExists(child.pid!)).toBe(false);
    await expect(plugin.getStatus({ jobId: 'j', providerSid: 's' })).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: true });
  });

  it('loads an ES module whose factory is on the default export, and passes webhook bodies as Buffers', async () => {
    const { plugin } = await start(fixture('esm-default-plugin.mjs'));
    expect(plugin.has('cancel')).toBe(false);
    expect(plugin.has('handleWebhook')).toBe(true);
    const answer = await plugin.handleWebhook({ method: 'POST', path: '', url: 'http://x/webhooks/echo', headers: {}, query: {}, rawBody: Buffer.from('hello') });
    expect(answer.response).toEqual({ status: 200, body: { bytes: 5, isBuffer: true } });
  });

  it('fails start with a clear reason when the entry has no createPlugin()', async () => {
    const deps = createTestDeps({ pluginId: 'echo' });
    const plugin = createIsolatedPlugin({ tier, entryPath: fixture('no-factory-plugin.js'), pluginId: 'echo', instanceId: 'echo', config: {}, deps });
    await expect(plugin.start({}, deps)).rejects.toThrow('entry does not export createPlugin()');
    expect(plugin.child).toBeNull();
    await plugin.stop();
  });

  it('reports a failing first start to the caller with its FaxbotError, without restarting', async () => {
    const deps = createTestDeps({ pluginId: 'echo' });
    const states: string[] = [];
    const plugin = createIsolatedPlugin({
      tier,
      entryPath: fixture('start-fails-plugin.js'),
      pluginId: 'echo',
      instanceId: 'echo',
      config: {},
      deps,
      onStateChange: (state) => states.push(state),
    });
    const error = await plugin.start({}, deps).catch((caught: unknown) => caught);
    expect(FaxbotError.is(error) && error.code).toBe('PROVIDER_AUTH_FAILED');
    const child = plugin.child;
    await plugin.stop();
    expect(states).toEqual([]);
    expect(plugin.crashCount).toBe(0);
    if (tier === 'process') expect(processExists(child!.pid!)).toBe(false);
  });

  it('runs the real loopback plugin: send, then status until delivered, with the document in its outbox', async () => {
    const { plugin, deps } = await start(LOOPBACK_ENTRY, { config: { outboxDir: '', deliveryDelayMs: 0, slowLineDelayMs: 0, transientFailures: 0 } });
    const text = Buffer.from('Hello from an isolated loopback line\n');
    const document = { type: 'txt' as const, mimeType: 'text/plain', fileName: 'hello.txt', sizeBytes: text.length, open: () => binaryDocument(1).document.open(), read: async () => text };
    const sent = await plugin.send({ jobId: 'job-7', to: '+15551234567', document, idempotencyKey: 'job-7-1' });
    expect(sent.status).toMatch(/in_progress|SUCCESS/);
    expect(await plugin.getStatus({ jobId: 'job-7', providerSid: sent.providerSid })).toMatchObject({ status: 'SUCCESS', pages: 1 });
    expect(await readFile(`${deps.dataDir}/outbox/${sent.providerSid}.txt`)).toEqual(text);
    // Same key, same acceptance: the child dedupes exactly like the in-process plugin.
    expect((await plugin.send({ jobId: 'job-7', to: '+15551234567', document, idempotencyKey: 'job-7-1' })).providerSid).toBe(sent.providerSid);
    await expect(plugin.send({ jobId: 'job-8', to: '+15559870001', document, idempotencyKey: 'job-8-1' })).rejects.toMatchObject({ code: 'NUMBER_INVALID', retryable: false });
    expect(plugin.has('cancel')).toBe(true);
  });
});
