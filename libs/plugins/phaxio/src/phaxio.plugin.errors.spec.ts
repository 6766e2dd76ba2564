import { FaxbotError } from '@faxbot/plugin-sdk';
import type { PhaxioFailureMode } from '@faxbot/provider-simulators';
import { startPhaxio, type StartedPhaxio } from './phaxio.test-helpers';

async function rejection(promise: Promise<unknown>): Promise<FaxbotError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!FaxbotError.is(error)) throw new Error(`expected a FaxbotError, got ${String(error)}`);
  return error;
}

/**
 * A port where connections are refused. Port 1 (tcpmux) is privileged and unused; a port that
 * was merely "just free" can be taken by another suite's server under parallel load.
 */
async function closedPort(): Promise<number> {
  return 1;
}

describe('PhaxioPlugin errors', () => {
  let phaxio: StartedPhaxio;
  afterEach(() => phaxio.close());

  /** Every text that must never appear in an error: credentials, the number's digits, document URLs. */
  const forbidden = (to: string): string[] => [
    phaxio.simulator.apiKey,
    phaxio.simulator.apiSecret,
    phaxio.simulator.webhookToken,
    to.replace(/\D/g, ''),
    ...phaxio.documents.flatMap((document) => document.publicUrls.map((url) => new URL(url).searchParams.get('token') ?? url)),
    'Jane Doe',
  ];

  it.each([
    ['server_error', 'PROVIDER_UNAVAILABLE', true],
    ['rate_limited', 'PROVIDER_UNAVAILABLE', true],
    ['client_error', 'PROVIDER_REJECTED', false],
    ['unauthorized', 'PROVIDER_AUTH_FAILED', false],
    ['timeout', 'PROVIDER_TIMEOUT', false],
    ['connection_reset', 'PROVIDER_TIMEOUT', false],
  ] as Array<[PhaxioFailureMode, string, boolean]>)('maps a send answered %s to %s (retryable %s), without secrets', async (mode, code, retryable) => {
    phaxio = await startPhaxio({ config: { requestTimeoutMs: 1000, documentDelivery: 'content_url' } });
    const to = phaxio.simulator.numbers.delivered;
    phaxio.simulator.failNextSend(mode);
    const error = await rejection(phaxio.plugin.send(phaxio.sendOptions(to)));
    expect({ code: error.code, retryable: error.retryable }).toEqual({ code, retryable });
    for (const text of forbidden(to)) expect(`${error.message} ${String((error.cause as Error | undefined)?.message)}`).not.toContain(text);
  });

  it('refuses an impossible destination as NUMBER_INVALID before calling Phaxio', async () => {
    phaxio = await startPhaxio();
    const error = await rejection(phaxio.plugin.send(phaxio.sendOptions('12345')));
    expect(error.code).toBe('NUMBER_INVALID');
    expect(phaxio.simulator.requests).toHaveLength(0);
  });

  it('gives up after requestTimeoutMs when Phaxio never answers', async () => {
    phaxio = await startPhaxio({ config: { requestTimeoutMs: 1000 } });
    phaxio.simulator.failNextSend('timeout');
    const startedAt = Date.now();
    const error = await rejection(phaxio.plugin.send(phaxio.sendOptions(phaxio.simulator.numbers.delivered)));
    expect(error.code).toBe('PROVIDER_TIMEOUT');
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(900);
  });

  it('reports a Phaxio that refuses connections as retryable', async () => {
    phaxio = await startPhaxio();
    await phaxio.plugin.stop();
    await phaxio.plugin.start({ ...phaxio.config, baseUrl: `http://127.0.0.1:${await closedPort()}/v2.1` }, phaxio.deps);
    const error = await rejection(phaxio.plugin.send(phaxio.sendOptions(phaxio.simulator.numbers.delivered)));
    expect({ code: error.code, retryable: error.retryable }).toEqual({ code: 'PROVIDER_UNAVAILABLE', retryable: true });
  });

  it('turns wrong credentials into PROVIDER_AUTH_FAILED and a down health', async () => {
    phaxio = await startPhaxio();
    expect(await phaxio.plugin.health()).toEqual({ status: 'ok' });
    await phaxio.plugin.stop();
    await phaxio.plugin.start({ ...phaxio.config, apiSecret: 'not-the-secret' }, phaxio.deps);
    const error = await rejection(phaxio.plugin.send(phaxio.sendOptions(phaxio.simulator.numbers.delivered)));
    expect({ code: error.code, retryable: error.retryable }).toEqual({ code: 'PROVIDER_AUTH_FAILED', retryable: false });
    expect(error.message).not.toContain('not-the-secret');
    const health = await phaxio.plugin.health();
    expect(health).toEqual({ status: 'down', detail: expect.stringContaining('HTTP 401') });
    expect(health.detail).not.toContain('not-the-secret');
  });

  it('reports degraded health after repeated outages, and ok again once Phaxio answers', async () => {
    phaxio = await startPhaxio();
    const { providerSid } = await phaxio.plugin.send(phaxio.sendOptions(phaxio.simulator.numbers.delivered));
    for (let i = 0; i < 3; i += 1) {
      phaxio.simulator.failNextRequest('server_error', 'get');
      await rejection(phaxio.plugin.getStatus({ jobId: 'j', providerSid }));
    }
    expect((await phaxio.plugin.health()).status).toBe('degraded');
    await phaxio.plugin.getStatus({ jobId: 'j', providerSid });
    expect(await phaxio.plugin.health()).toEqual({ status: 'ok' });
  });

  describe('getStatus', () => {
    it('fails for good only for a fax Phaxio does not know', async () => {
      phaxio = await startPhaxio();
      const error = await rejection(phaxio.plugin.getStatus({ jobId: 'j', providerSid: '999999' }));
      expect({ code: error.code, retryable: error.retryable }).toEqual({ code: 'PROVIDER_REJECTED', retryable: false });
    });

    it.each([
      ['server_error', 'PROVIDER_UNAVAILABLE'],
      ['unauthorized', 'PROVIDER_AUTH_FAILED'],
      ['timeout', 'PROVIDER_TIMEOUT'],
    ] as Array<[PhaxioFailureMode, string]>)('keeps polling after %s (%s, retryable)', async (mode, code) => {
      phaxio = await startPhaxio({ config: { requestTimeoutMs: 1000 } });
      const { providerSid } = await phaxio.plugin.send(phaxio.sendOptions(phaxio.simulator.numbers.delivered));
      phaxio.simulator.failNextRequest(mode, 'get');
      const error = await rejection(phaxio.plugin.getStatus({ jobId: 'j', providerSid }));
      expect({ code: error.code, retryable: error.retryable }).toEqual({ code, retryable: true });
    });
  });

  it('refuses every call before start and after stop as retryable', async () => {
    phaxio = await startPhaxio();
    await phaxio.plugin.stop();
    const error = await rejection(phaxio.plugin.getStatus({ jobId: 'j', providerSid: '1' }));
    expect({ code: error.code, retryable: error.retryable }).toEqual({ code: 'PROVIDER_UNAVAILABLE', retryable: true });
    expect(await phaxio.plugin.health()).toEqual({ status: 'down', detail: 'not started' });
  });
});
