import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FaxbotError } from '@faxbot/plugin-sdk';
import { TIERS, binaryDocument, fixture, processExists, startIsolated, waitFor, type Started } from './isolation.test-helpers';

describe.each(TIERS)('isolated plugin crashes (%s tier)', (tier) => {
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

  it.each([
    ['exit', 'process.exit() in a call'],
    ['throw-later', 'an uncaught exception in a timer'],
    ['reject-later', 'an unhandled rejection'],
  ])('contains a crash by %s (%s): the pending call fails as outcome-unknown, the plugin restarts and answers again', async (providerSid) => {
    const { plugin, states } = await start(fixture('echo-plugin.js'));
    const firstChild = plugin.child!;
    const error = await plugin.getStatus({ jobId: 'j', providerSid }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Error);
    expect(FaxbotError.is(error)).toBe(false);
    expect((error as Error).message).toMatch(/^plugin process crashed/);
    expect(plugin.crashCount).toBe(1);
    await waitFor(() => plugin.state === 'running');
    expect(states.map((change) => change.state)).toEqual(['running', 'restarting', 'running']);
    expect(await plugin.getStatus({ jobId: 'j', providerSid: 'starts' })).toEqual({ status: 'in_progress', pages: 1 });
    expect(plugin.child).not.toEqual(firstChild);
    if (tier === 'process') expect(processExists(firstChild.pid!)).toBe(false);
  });

  it('fails a send whose child dies mid-call with a plain Error, so the same idempotency key is used again', async () => {
    const { plugin } = await start(fixture('echo-plugin.js'));
    const error = await plugin.send({ jobId: 'j', to: '+15550000001', document: binaryDocument(16).document, idempotencyKey: 'k' }).catch((caught: unknown) => caught);
    expect(FaxbotError.is(error)).toBe(false);
    expect(error).toBeInstanceOf(Error);
  });

  it('refuses calls while restarting with a retryable PROVIDER_UNAVAILABLE (they never reached the plugin)', async () => {
    const { plugin } = await start(fixture('echo-plugin.js'), { backoff: { baseMs: 300, maxMs: 300 } });
    await plugin.getStatus({ jobId: 'j', providerSid: 'exit' }).catch(() => undefined);
    expect(plugin.state).toBe('restarting');
    expect(plugin.has('getStatus')).toBe(true);
    await expect(plugin.getStatus({ jobId: 'j', providerSid: 'ok' })).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: true });
    expect(await plugin.health()).toEqual({ status: 'down', detail: 'plugin is restarting after a crash' });
    await waitFor(() => plugin.state === 'running');
    expect(await plugin.getStatus({ jobId: 'j', providerSid: 'ok' })).toMatchObject({ status: 'SUCCESS' });
  });

  it('fails a crash-looping plugin after maxCrashes, while the host keeps answering', async () => {
    const server: Server = createServer((_request, response) => response.end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    try {
      const { plugin, states } = await start(fixture('echo-plugin.js'), { config: { crashAfterStartMs: 20 }, maxCrashes: 3, backoff: { baseMs: 10, maxMs: 20 } });
      const answers: number[] = [];
      while (plugin.state !== 'failed') {
        answers.push((await fetch(url)).status);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(answers.length).toBeGreaterThan(3);
      expect(answers.every((status) => status === 200)).toBe(true);
      expect(plugin.crashCount).toBe(3);
      expect(states.map((change) => change.state)).toEqual(['running', 'restarting', 'running', 'restarting', 'running', 'failed']);
      expect(states.at(-1)!.reason).toMatch(/^plugin failed after 3 crashes/);
      const refused = await plugin.send({ jobId: 'j', to: '+15551234567', document: binaryDocument(16).document, idempotencyKey: 'k' }).catch((caught: unknown) => caught);
      expect(FaxbotError.is(refused)).toBe(true);
      expect(refused).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: true });
      expect(await plugin.health()).toMatchObject({ status: 'down' });
      expect(plugin.child).toBeNull();
      // Failed means failed: no restart is pending.
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(plugin.state).toBe('failed');
      expect((await fetch(url)).status).toBe(200);
    } finally {
      server.close();
    }
  });

  it('kills and restarts a plugin whose call hangs past callTimeoutMs', async () => {
    const { plugin, states } = await start(fixture('echo-plugin.js'), { callTimeoutMs: 300 });
    const firstChild = plugin.child!;
    const started = Date.now();
    const error = await plugin.getStatus({ jobId: 'j', providerSid: 'hang' }).catch((caught: unknown) => caught);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(FaxbotError.is(error)).toBe(false);
    expect((error as Error).message).toBe('plugin call getStatus timed out after 300 ms');
    // The timed-out child is being killed: nothing new is sent to it.
    await expect(plugin.getStatus({ jobId: 'j', providerSid: 'ok' })).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: true });
    await waitFor(() => states.length === 3);
    expect(states[1]).toEqual({ state: 'restarting', reason: 'getStatus timed out after 300 ms' });
    expect(plugin.crashCount).toBe(1);
    if (tier === 'process') expect(processExists(firstChild.pid!)).toBe(false);
    expect(await plugin.getStatus({ jobId: 'j', providerSid: 'ok' })).toMatchObject({ status: 'SUCCESS' });
  });

  it('contains a plugin that runs out of its heap limit', async () => {
    const { plugin, states } = await start(fixture('memory-hog-plugin.js'), { maxOldGenerationSizeMb: 32, maxCrashes: 1 });
    const error = await plugin.getStatus({ jobId: 'j', providerSid: 'x' }).catch((caught: unknown) => caught);
    expect(FaxbotError.is(error)).toBe(false);
    expect(plugin.state).toBe('failed');
    expect(states.at(-1)!.state).toBe('failed');
    if (tier === 'worker') expect(states.at(-1)!.reason).toContain('ran out of memory');
  });

  it('logs each crash with its reason through the plugin logger', async () => {
    const { plugin, deps } = await start(fixture('echo-plugin.js'));
    await plugin.getStatus({ jobId: 'j', providerSid: 'throw-later' }).catch(() => undefined);
    await waitFor(() => plugin.state === 'running');
    const messages = deps.logLines!.map((line) => line.message);
    expect(messages).toContain('plugin crashed: uncaught exception');
    expect(messages).toContain('isolated plugin crashed');
    expect(messages).toContain('isolated plugin restarted');
  });

  it('stop() during a pending restart cancels it and leaves no child', async () => {
    const { plugin } = await start(fixture('echo-plugin.js'), { backoff: { baseMs: 200, maxMs: 200 } });
    await plugin.getStatus({ jobId: 'j', providerSid: 'exit' }).catch(() => undefined);
    expect(plugin.state).toBe('restarting');
    await plugin.stop();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(plugin.state).toBe('stopped');
    expect(plugin.child).toBeNull();
  });
});
