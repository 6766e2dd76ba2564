import { createHmac } from 'node:crypto';
import { FaxbotError, type WebhookRequest } from '@faxbot/plugin-sdk';
import { createTestDocument, createTestWebhookRequest, type TestDocument } from '@faxbot/plugin-sdk/testing';
import { UNPROTECTED_DETAIL } from './verify-sinch-callback';
import { CALLBACK_PASS, CALLBACK_USER, expectClean, refusedUrl, startSinchTestBed, webhookRequestFrom, type SinchTestBed } from './sinch.test-helpers';

jest.setTimeout(30_000);

const basic = (user: string, pass: string) => `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;

/** Re-encodes a multipart callback with its `fax` part changed by `alter`, keeping the other headers. */
async function altered(request: WebhookRequest, alter: (fax: Record<string, unknown>) => void): Promise<WebhookRequest> {
  const form = await new Response(request.rawBody, { headers: { 'content-type': String(request.headers['content-type']) } }).formData();
  const fax = JSON.parse(String(form.get('fax'))) as Record<string, unknown>;
  alter(fax);
  form.set('fax', JSON.stringify(fax));
  const encoded = new Request('http://x/', { method: 'POST', body: form });
  return { ...request, headers: { ...request.headers, 'content-type': encoded.headers.get('content-type') ?? '' }, rawBody: Buffer.from(await encoded.arrayBuffer()) };
}

describe('SinchPlugin.handleWebhook (status callbacks)', () => {
  let bed: SinchTestBed;
  const documents: TestDocument[] = [];

  const send = async (to: string) => {
    const document = createTestDocument();
    documents.push(document);
    return bed.plugin.send({ jobId: `job-${documents.length}`, to, document, idempotencyKey: `job-${documents.length}-1` });
  };

  /** The genuine callback Sinch made for a fax, as the host would hand it over. */
  const callbackFor = async (to: string) => {
    const sent = await send(to);
    const callback = await bed.sinch.waitForCallback(sent.providerSid);
    return { providerSid: sent.providerSid, callback, request: webhookRequestFrom(callback) };
  };

  afterEach(async () => {
    await bed.close();
    await Promise.all(documents.splice(0).map((document) => document.close()));
  });

  describe('with callback credentials', () => {
    beforeEach(async () => {
      bed = await startSinchTestBed();
    });

    it('accepts the genuine callback over HTTP and reports the final status', async () => {
      const { providerSid, callback, request } = await callbackFor('+15550100000');
      expect(callback.status).toBe(200);
      expect(callback.headers['authorization']).toBe(basic(CALLBACK_USER, CALLBACK_PASS));
      const delivery = bed.host.deliveries.find((hosted) => hosted.result?.updates?.[0]?.providerSid === providerSid);
      expect(delivery?.request.path).toBe('status');
      expect(delivery?.result).toEqual({ response: { status: 200, body: { status: 'ok' } }, updates: [{ providerSid, status: 'SUCCESS', pages: 1 }] });
      expect(request.path).toBe('status');
    });

    it('answers every duplicate delivery the same way', async () => {
      await bed.close();
      bed = await startSinchTestBed({ simulator: { duplicateCallbacks: 2 } });
      const { providerSid } = await callbackFor('+15550100001');
      await bed.sinch.waitForCallback(providerSid);
      const answered = async () => bed.sinch.callbacks.filter((callback) => callback.faxId === providerSid && callback.status !== null);
      for (let waited = 0; (await answered()).length < 3 && waited < 100; waited += 1) await new Promise((resolve) => setTimeout(resolve, 50));
      expect((await answered()).map((callback) => callback.status)).toEqual([200, 200, 200]);
      const updates = bed.host.deliveries.flatMap((hosted) => hosted.result?.updates ?? []).filter((update) => update.providerSid === providerSid);
      expect(updates).toEqual(Array(3).fill({ providerSid, status: 'FAILED', pages: 1, errorCode: 'LINE_BUSY', error: 'sinch: the line was busy (LINE_ERROR 17)' }));
    });

    it.each([
      ['wrong password', (request: WebhookRequest) => ({ ...request, headers: { ...request.headers, authorization: basic(CALLBACK_USER, 'guess') } })],
      ['wrong user', (request: WebhookRequest) => ({ ...request, headers: { ...request.headers, authorization: basic('admin', CALLBACK_PASS) } })],
      ['no credentials', (request: WebhookRequest) => ({ ...request, headers: { ...request.headers, authorization: undefined } })],
      ['a bearer token', (request: WebhookRequest) => ({ ...request, headers: { ...request.headers, authorization: 'Bearer x' } })],
    ])('refuses a callback with %s (401, no updates)', async (_name, forge) => {
      const { request } = await callbackFor('+15550100000');
      const result = await bed.plugin.handleWebhook(forge(request));
      expect(result).toEqual({ response: { status: 401, body: { detail: 'Invalid basic auth' }, headers: { 'www-authenticate': 'Basic realm="faxbot-sinch"' } } });
    });

    it('reports the API status, not an altered body sent with valid credentials', async () => {
      const { providerSid, request } = await callbackFor('+15550100001');
      const forged = await altered(request, (fax) => {
        fax['status'] = 'COMPLETED';
        delete fax['errorType'];
        fax['numberOfPages'] = 9;
      });
      const result = await bed.plugin.handleWebhook(forged);
      expect(result.response.status).toBe(200);
      expect(result.updates).toEqual([{ providerSid, status: 'FAILED', pages: 1, errorCode: 'LINE_BUSY', error: 'sinch: the line was busy (LINE_ERROR 17)' }]);
    });

    it('refuses a callback about a fax the API does not know (403)', async () => {
      const { request } = await callbackFor('+15550100000');
      const forged = await altered(request, (fax) => {
        fax['id'] = '01SIMDOESNOTEXIST';
      });
      expect(await bed.plugin.handleWebhook(forged)).toEqual({ response: { status: 403, body: { detail: 'Unknown fax' } } });
    });

    it('reports the final status for a stale, out-of-order callback', async () => {
      const { providerSid } = await callbackFor('+15550100000');
      const stale = await bed.sinch.deliverStaleCallback(providerSid, 'IN_PROGRESS');
      expect(stale.status).toBe(200);
      expect(bed.host.deliveries.at(-1)?.result?.updates).toEqual([{ providerSid, status: 'SUCCESS', pages: 1 }]);
    });

    it('handles callbacks released in reverse order', async () => {
      bed.sinch.holdCallbacks();
      const first = await send('+15550100000');
      await bed.sinch.waitForStatus(first.providerSid, 'COMPLETED');
      const second = await send('+15550100002');
      await bed.sinch.waitForStatus(second.providerSid, 'FAILURE');
      const released = await bed.sinch.releaseCallbacks('reversed');
      expect(released.map((callback) => [callback.faxId, callback.status])).toEqual([
        [second.providerSid, 200],
        [first.providerSid, 200],
      ]);
      const updates = bed.host.deliveries.flatMap((hosted) => hosted.result?.updates ?? []);
      expect(updates.map((update) => [update.providerSid, update.status])).toEqual([
        [second.providerSid, 'FAILED'],
        [first.providerSid, 'SUCCESS'],
      ]);
    });

    it('takes a JSON callback body too', async () => {
      const sent = await send('+15550100000');
      await bed.sinch.waitForStatus(sent.providerSid, 'COMPLETED');
      const request = createTestWebhookRequest({
        path: 'status',
        instanceId: 'sinch',
        body: { event: 'FAX_COMPLETED', eventTime: new Date().toISOString(), fax: { id: sent.providerSid, status: 'FAILURE' } },
        headers: { authorization: basic(CALLBACK_USER, CALLBACK_PASS) },
      });
      expect((await bed.plugin.handleWebhook(request)).updates).toEqual([{ providerSid: sent.providerSid, status: 'SUCCESS', pages: 1 }]);
    });

    it.each([
      ['an unreadable body', 400, { path: 'status', body: 'not a callback', headers: { 'content-type': 'text/plain' } }],
      ['a body without a fax id', 400, { path: 'status', body: { event: 'FAX_COMPLETED', fax: {} } }],
      ['an unknown path', 404, { path: 'other', body: {} }],
      ['a GET', 405, { method: 'GET', path: 'status' }],
    ])('answers %s with %i', async (_name, status, options) => {
      const request = createTestWebhookRequest({ instanceId: 'sinch', ...options, headers: { authorization: basic(CALLBACK_USER, CALLBACK_PASS), ...(options as { headers?: Record<string, string> }).headers } });
      const result = await bed.plugin.handleWebhook(request);
      expect(result.response.status).toBe(status);
      expect(result.updates ?? []).toEqual([]);
    });

    it('throws a retryable error when the API cannot confirm, so Sinch retries', async () => {
      const { request } = await callbackFor('+15550100000');
      await bed.plugin.stop();
      const unreachable = await bed.restart({ baseUrl: await refusedUrl('/v3') });
      const error = await unreachable.handleWebhook(request).catch((caught: unknown) => caught);
      expect(FaxbotError.is(error) && [error.code, error.retryable]).toEqual(['PROVIDER_UNAVAILABLE', true]);
    });

    it('logs ids only', async () => {
      await callbackFor('+15550100000');
      const { request } = await callbackFor('+15550100001');
      await bed.plugin.handleWebhook({ ...request, headers: { ...request.headers, authorization: basic(CALLBACK_USER, 'guess') } });
      expectClean(JSON.stringify(bed.deps.logLines), { secrets: [...bed.secrets(), 'guess'], numbers: ['+15550100000', '+15550100001'], extra: ['Faxbot test page'] });
    });
  });

  it('refuses every callback when no callback credentials are configured, saying what to set', async () => {
    bed = await startSinchTestBed({ config: { inboundBasicUser: '', inboundBasicPass: '' } });
    const { callback, request } = await callbackFor('+15550100000');
    expect(callback.status).toBe(401);
    expect(callback.headers['authorization']).toBeUndefined();
    const result = await bed.plugin.handleWebhook(request);
    expect(result).toEqual({ response: { status: 401, body: { detail: UNPROTECTED_DETAIL } } });
    expect(UNPROTECTED_DETAIL).toContain('SINCH_INBOUND_BASIC_USER');
  });

  it('accepts uncredentialed callbacks only with the explicit opt-out, still confirming with the API', async () => {
    bed = await startSinchTestBed({ config: { inboundBasicUser: '', inboundBasicPass: '', allowUnauthenticatedCallbacks: true } });
    const { providerSid, callback } = await callbackFor('+15550100000');
    expect(callback.status).toBe(200);
    const forged = await altered(webhookRequestFrom(callback), (fax) => {
      fax['status'] = 'FAILURE';
    });
    expect((await bed.plugin.handleWebhook(forged)).updates).toEqual([{ providerSid, status: 'SUCCESS', pages: 1 }]);
  });

  describe('with an HMAC secret (a signing relay)', () => {
    it('accepts a correctly signed callback', async () => {
      bed = await startSinchTestBed({ config: { inboundHmacSecret: 'relay-key' }, simulator: { callbackSigningSecret: 'relay-key' } });
      const { providerSid, callback } = await callbackFor('+15550100000');
      expect(callback.status).toBe(200);
      expect(bed.host.deliveries.at(-1)?.result?.updates).toEqual([{ providerSid, status: 'SUCCESS', pages: 1 }]);
    });

    it('refuses a wrong signature, and a body changed after signing', async () => {
      bed = await startSinchTestBed({ config: { inboundHmacSecret: 'relay-key' }, simulator: { callbackSigningSecret: 'other-key' } });
      const { callback, request } = await callbackFor('+15550100000');
      expect(callback.status).toBe(401);
      const resigned = { ...request, headers: { ...request.headers, 'x-sinch-signature': createHmac('sha256', 'relay-key').update(request.rawBody).digest('hex') } };
      expect((await bed.plugin.handleWebhook(resigned)).response.status).toBe(200);
      const tampered = { ...resigned, rawBody: Buffer.concat([resigned.rawBody, Buffer.from(' ')]) };
      expect(await bed.plugin.handleWebhook(tampered)).toEqual({ response: { status: 401, body: { detail: 'Invalid signature' } } });
    });
  });
});
