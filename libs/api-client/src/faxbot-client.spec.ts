import { createServer } from 'node:net';
import { createFaxbotClient } from './faxbot-client';
import type { FaxbotApiErrorCode } from './faxbot-api.error';
import { failure, parseMultipart, startFakeApi, type FakeAnswer, type FakeApi } from './fake-api.test-helpers';

const JOB = {
  id: '5f0c3e9a2b7d4c1e8a6f0b2d4e6a8c0f',
  to: '+15551234567',
  status: 'queued',
  error: null,
  error_code: null,
  pages: null,
  backend: 'loopback',
  provider_sid: null,
  created_at: '2026-01-05T09:30:00.120Z',
  updated_at: '2026-01-05T09:30:00.120Z',
};

describe('createFaxbotClient', () => {
  let api: FakeApi;
  let reply: FakeAnswer;

  beforeAll(async () => {
    api = await startFakeApi(() => reply);
  });
  afterAll(() => api.close());
  beforeEach(() => {
    api.requests.length = 0;
    reply = { status: 200, body: JOB };
  });

  it('sends the fax as multipart "to" + "file" with the API key', async () => {
    reply = { status: 202, body: JOB };
    const client = createFaxbotClient({ baseUrl: api.url, apiKey: 'k-123' });
    const bytes = Buffer.from('%PDF-1.4\n\x00\x01binary\n%%EOF\n', 'latin1');

    const job = await client.sendFax({ to: '+15551234567', document: { bytes, fileName: 'letter.pdf' } });

    expect(job).toEqual(JOB);
    const [request] = api.requests;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/fax');
    expect(request?.headers['x-api-key']).toBe('k-123');
    const form = await parseMultipart(request!);
    expect(form.get('to')).toBe('+15551234567');
    const file = form.get('file') as File;
    expect(file.name).toBe('letter.pdf');
    expect(Buffer.from(await file.arrayBuffer())).toEqual(bytes);
  });

  it('reads a job by id, escaping the id into the path', async () => {
    const client = createFaxbotClient({ baseUrl: `${api.url}/`, apiKey: 'k' });
    await expect(client.getFax(JOB.id)).resolves.toEqual(JOB);
    await client.getFax('../admin').catch(() => undefined);
    expect(api.requests.map((request) => request.url)).toEqual([`/fax/${JOB.id}`, '/fax/..%2Fadmin']);
  });

  it('cancels a job with POST /fax/{id}/cancel and resolves with the cancelled job', async () => {
    const client = createFaxbotClient({ baseUrl: api.url, apiKey: 'k-9' });
    reply = { status: 200, body: { ...JOB, status: 'cancelled' } };
    await expect(client.cancelFax(JOB.id)).resolves.toEqual({ ...JOB, status: 'cancelled' });
    expect(api.requests.map((request) => [request.method, request.url, request.headers['x-api-key']])).toEqual([['POST', `/fax/${JOB.id}/cancel`, 'k-9']]);
    reply = { status: 409, body: { detail: 'Job already finished with status SUCCESS; nothing to cancel' } };
    const refused = await failure(client.cancelFax('../x'));
    expect([refused.code, refused.status]).toEqual(['CONFLICT', 409]);
    expect(api.requests[1]?.url).toBe('/fax/..%2Fx/cancel');
  });

  it('keeps a path prefix of the base URL', async () => {
    const client = createFaxbotClient({ baseUrl: `${api.url}/faxbot`, apiKey: 'k' });
    await client.getFax('abc');
    expect(api.requests[0]?.url).toBe('/faxbot/fax/abc');
  });

  it('reads health and capabilities', async () => {
    const client = createFaxbotClient({ baseUrl: api.url });
    reply = { status: 200, body: { status: 'ok' } };
    await expect(client.health()).resolves.toEqual({ status: 'ok' });
    const items = [{ instance_id: 'loopback', plugin_id: 'loopback', categories: ['outbound'], capabilities: ['send'] }];
    reply = { status: 200, body: { items } };
    await expect(client.capabilities()).resolves.toEqual({ items });
    expect(api.requests.map((request) => [request.url, request.headers['x-api-key']])).toEqual([
      ['/health', undefined],
      ['/plugins/capabilities', undefined],
    ]);
  });

  it.each<[number, string, FaxbotApiErrorCode]>([
    [400, "'to' must be E.164 or digits only", 'INVALID_INPUT'],
    [401, 'Invalid or missing API key', 'UNAUTHORIZED'],
    [403, 'Insufficient scope: fax:send required', 'FORBIDDEN'],
    [404, 'Job not found', 'NOT_FOUND'],
    [409, 'Job already finished with status SUCCESS; nothing to cancel', 'CONFLICT'],
    [413, 'File exceeds 10 MB limit', 'TOO_LARGE'],
    [415, 'Only PDF, TXT, PNG, JPEG and TIFF are allowed', 'UNSUPPORTED_TYPE'],
    [422, 'Missing required form field(s): to', 'INVALID_INPUT'],
    [429, 'Too many requests', 'INVALID_INPUT'],
    [500, 'Internal Server Error', 'UNAVAILABLE'],
    [503, 'Plugin registry file is unreadable', 'UNAVAILABLE'],
  ])('maps HTTP %i with detail "%s" to code %s', async (status, detail, code) => {
    reply = { status, body: { detail } };
    const error = await failure(createFaxbotClient({ baseUrl: api.url, apiKey: 'k' }).getFax('x'));
    expect({ code: error.code, status: error.status, detail: error.detail }).toEqual({ code, status, detail });
  });

  it('describes an error answer without a detail by its status', async () => {
    reply = { status: 502, raw: '<html>Bad gateway</html>', headers: { 'content-type': 'text/html' } };
    const error = await failure(createFaxbotClient({ baseUrl: api.url }).getFax('x'));
    expect([error.code, error.status, error.detail]).toEqual(['UNAVAILABLE', 502, 'HTTP 502']);
  });

  it.each<[string, FakeAnswer]>([
    ['a 200 that is not a job', { status: 200, body: { hello: 'world' } }],
    ['a 200 that is not JSON', { status: 200, raw: '<html></html>', headers: { 'content-type': 'text/html' } }],
  ])('refuses %s as UNAVAILABLE', async (_label, answer) => {
    reply = answer;
    expect((await failure(createFaxbotClient({ baseUrl: api.url }).getFax('x'))).code).toBe('UNAVAILABLE');
  });

  it('refuses an answer over 1 MB as UNAVAILABLE', async () => {
    reply = { status: 200, raw: JSON.stringify({ ...JOB, padding: 'x'.repeat(1024 * 1024) }) };
    expect((await failure(createFaxbotClient({ baseUrl: api.url }).getFax('x'))).code).toBe('UNAVAILABLE');
  });

  it('does not follow redirects, so the key never goes elsewhere', async () => {
    const elsewhere = await startFakeApi(() => ({ status: 200, body: JOB }));
    try {
      reply = { status: 302, headers: { location: `${elsewhere.url}/fax/x` } };
      const error = await failure(createFaxbotClient({ baseUrl: api.url, apiKey: 'secret' }).getFax('x'));
      expect([error.code, error.status]).toEqual(['UNAVAILABLE', 302]);
      expect(elsewhere.requests).toHaveLength(0);
    } finally {
      await elsewhere.close();
    }
  });

  it('fails with NETWORK when nothing listens', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as { port: number };
        probe.close(() => resolve(free));
      });
    });
    const error = await failure(createFaxbotClient({ baseUrl: `http://127.0.0.1:${port}` }).health());
    expect([error.code, error.status, error.detail]).toEqual(['NETWORK', 0, 'Cannot reach the Faxbot API (ECONNREFUSED)']);
  });

  it('fails with NETWORK after the timeout', async () => {
    reply = { status: 200, body: JOB, delayMs: 2_000 };
    const error = await failure(createFaxbotClient({ baseUrl: api.url, timeoutMs: 100 }).getFax('x'));
    expect([error.code, error.detail]).toEqual(['NETWORK', 'The Faxbot API did not answer within 100 ms']);
  });

  it('fails with NETWORK when the caller aborts', async () => {
    reply = { status: 200, body: JOB, delayMs: 2_000 };
    const controller = new AbortController();
    const pending = createFaxbotClient({ baseUrl: api.url }).getFax('x', { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    expect((await failure(pending)).code).toBe('NETWORK');
  });
});
