import type { WebhookRequest } from '@faxbot/plugin-sdk';
import { createTestWebhookRequest } from '@faxbot/plugin-sdk/testing';
import { forgePhaxioWebhook, startPhaxio, webhookRequestOf, publicUrlOf, type StartedPhaxio } from './phaxio.test-helpers';
import { readPhaxioWebhook } from './read-phaxio-webhook';

describe('PhaxioPlugin.handleWebhook: status callbacks', () => {
  let phaxio: StartedPhaxio;
  afterEach(() => phaxio.close());

  async function genuineCallback(to: string): Promise<{ providerSid: string; request: WebhookRequest }> {
    const { providerSid } = await phaxio.plugin.send(phaxio.sendOptions(to));
    return { providerSid, request: await phaxio.takeCallback(providerSid) };
  }

  it('accepts a genuine signed callback and reports the final status; a duplicate answers the same', async () => {
    phaxio = await startPhaxio();
    const { providerSid, request } = await genuineCallback(phaxio.simulator.numbers.delivered);
    expect(request.path).toBe('status');
    for (let delivery = 0; delivery < 2; delivery += 1) {
      expect(await phaxio.plugin.handleWebhook(request)).toEqual({ response: { status: 200, body: { status: 'ok' } }, updates: [{ providerSid, status: 'SUCCESS', pages: 1 }] });
    }
  });

  it('reports a failed line with its code and reason', async () => {
    phaxio = await startPhaxio();
    const { providerSid, request } = await genuineCallback(phaxio.simulator.numbers.noAnswer);
    expect((await phaxio.plugin.handleWebhook(request)).updates).toEqual([
      { providerSid, status: 'FAILED', pages: 1, errorCode: 'NO_ANSWER', error: 'phaxio: no answer from the fax machine (lineError 112)' },
    ]);
  });

  it('passes stale in-flight callbacks that arrive after the final one on as in_progress (the host ignores them)', async () => {
    phaxio = await startPhaxio({ simulator: { outOfOrderCallbacks: true } });
    const { providerSid } = await phaxio.plugin.send(phaxio.sendOptions(phaxio.simulator.numbers.delivered));
    const stale = await phaxio.simulator.waitForCallback((record) => String(record.faxId) === providerSid && record.eventType === 'transmitting_page');
    expect(phaxio.simulator.callbacks.findIndex((record) => record.eventType === 'fax_completed')).toBeLessThan(phaxio.simulator.callbacks.indexOf(stale));
    const result = await phaxio.plugin.handleWebhook(webhookRequestOf(stale, publicUrlOf(phaxio.simulator)));
    expect(result.updates).toEqual([{ providerSid, status: 'in_progress', pages: 1 }]);
  });

  it('accepts callbacks to the legacy /phaxio-callback URL, which the host routes as path "status"', async () => {
    phaxio = await startPhaxio();
    const legacyUrl = `${phaxio.simulator.callbackSinkUrl}/phaxio-callback?job_id=abc`;
    await phaxio.plugin.stop();
    await phaxio.plugin.start({ ...phaxio.config, callbackUrl: legacyUrl }, phaxio.deps);
    const { providerSid } = await phaxio.plugin.send(phaxio.sendOptions(phaxio.simulator.numbers.delivered));
    const record = await phaxio.simulator.waitForCallback((candidate) => String(candidate.faxId) === providerSid && candidate.eventType === 'fax_completed');
    expect(record.url).toBe(legacyUrl);
    const request = { ...webhookRequestOf(record, publicUrlOf(phaxio.simulator)), path: 'status' };
    expect((await phaxio.plugin.handleWebhook(request)).updates).toEqual([{ providerSid, status: 'SUCCESS', pages: 1 }]);
    expect((await phaxio.plugin.handleWebhook({ ...request, path: 'phaxio-callback' })).response.status).toBe(200);
  });

  it('refuses every forged or altered variant with 401 and no updates', async () => {
    phaxio = await startPhaxio();
    const { request } = await genuineCallback(phaxio.simulator.numbers.delivered);
    const forgeries = forgePhaxioWebhook(request, phaxio.simulator);
    expect(forgeries.map((forgery) => forgery.name)).toEqual(
      expect.arrayContaining(['signature removed', 'fax object altered', 'URL altered', "original Faxbot scheme (HMAC-SHA256 of the body with the API secret)"]),
    );
    for (const forged of forgeries) {
      const result = await phaxio.plugin.handleWebhook(forged.request);
      expect({ name: forged.name, status: result.response.status, updates: result.updates ?? [], received: result.received ?? [] }).toEqual({ name: forged.name, status: 401, updates: [], received: [] });
      expect(result.response.body).toEqual({ detail: expect.stringMatching(/Phaxio signature/) });
    }
  });

  it('tells a missing signature from an invalid one', async () => {
    phaxio = await startPhaxio();
    const { request } = await genuineCallback(phaxio.simulator.numbers.delivered);
    const { 'x-phaxio-signature': _removed, ...headers } = request.headers;
    expect((await phaxio.plugin.handleWebhook({ ...request, headers })).response.body).toEqual({ detail: 'Missing Phaxio signature' });
    expect((await phaxio.plugin.handleWebhook({ ...request, headers: { ...headers, 'x-phaxio-signature': 'f'.repeat(40) } })).response.body).toEqual({ detail: 'Invalid Phaxio signature' });
  });

  describe('unsigned callbacks', () => {
    const unsigned = (providerSid: string, status: string): WebhookRequest =>
      createTestWebhookRequest({
        instanceId: 'phaxio',
        path: 'status',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `event_type=fax_completed&fax=${encodeURIComponent(JSON.stringify({ id: Number(providerSid), status }))}`,
      });

    it('are refused while verification is on', async () => {
      phaxio = await startPhaxio();
      const { providerSid } = await phaxio.plugin.send(phaxio.sendOptions(phaxio.simulator.numbers.slow));
      expect(await phaxio.plugin.handleWebhook(unsigned(providerSid, 'success'))).toEqual({ response: { status: 401, body: { detail: 'Missing Phaxio signature' } } });
    });

    it('are only a hint when verification is off: the status is read from Phaxio', async () => {
      phaxio = await startPhaxio({ config: { verifySignature: false } });
      const { providerSid } = await phaxio.plugin.send(phaxio.sendOptions(phaxio.simulator.numbers.slow));
      // The body claims success; Phaxio says the slow fax is still in progress.
      const result = await phaxio.plugin.handleWebhook(unsigned(providerSid, 'success'));
      expect(result).toEqual({ response: { status: 200, body: { status: 'ok' } }, updates: [{ providerSid, status: 'in_progress', pages: 1 }] });
      expect(phaxio.simulator.requests.at(-1)).toEqual(expect.objectContaining({ route: 'get', path: `/v2.1/faxes/${providerSid}` }));
    });
  });

  it('refuses everything when verification is on but no token is configured', () => {
    const request = createTestWebhookRequest({ path: 'status', headers: { 'x-phaxio-signature': 'abc' }, body: 'fax=%7B%7D' });
    expect(readPhaxioWebhook(request, { webhookToken: undefined, verifySignature: true, inboundVerifySignature: true })).toEqual({
      ok: false,
      status: 401,
      detail: 'Phaxio webhook token not configured',
    });
  });

  it.each([
    ['an unknown path', { path: 'other' }, 404],
    ['a GET', { method: 'GET' }, 405],
    ['a JSON body', { body: { fax: { id: 1 } } }, 401],
  ] as Array<[string, Parameters<typeof createTestWebhookRequest>[0], number]>)('answers %s with %i', async (_case, options, status) => {
    phaxio = await startPhaxio();
    const request = createTestWebhookRequest({ instanceId: 'phaxio', path: 'status', headers: { 'x-phaxio-signature': 'abc' }, ...options });
    const result = await phaxio.plugin.handleWebhook(request);
    expect(result.response.status).toBe(status);
    expect(result.updates).toBeUndefined();
  });
});
