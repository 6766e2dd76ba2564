import { createFaxbotClient } from './faxbot-client';
import type { FaxbotApiErrorCode } from './faxbot-api.error';
import { failure, startFakeApi, type FakeAnswer, type FakeApi } from './fake-api.test-helpers';

const INBOUND = {
  id: '5f0c3b1e9a7d4c2b8e6f1a0d9c8b7a65',
  fr: '+15557778888',
  to: '+15550001111',
  status: 'received',
  backend: 'phaxio',
  pages: 2,
  size_bytes: 48211,
  sha256: '9b74c9897bac770ffc029102a200c5de9b74c9897bac770ffc029102a200c5de',
  mailbox: 'front-desk',
  document_available: true,
  retention_until: '2026-12-25T10:00:00.000Z',
  created_at: '2026-11-25T10:00:00.000Z',
  received_at: '2026-11-25T09:59:58.000Z',
  updated_at: '2026-11-25T10:00:00.000Z',
};
const PDF = Buffer.from('%PDF-1.4\n\x00\xff binary page\n%%EOF\n', 'latin1');
const PDF_HEADERS = { 'content-type': 'application/pdf' };

describe('createFaxbotClient: received faxes', () => {
  let api: FakeApi;
  let reply: FakeAnswer;

  beforeAll(async () => {
    api = await startFakeApi(() => reply);
  });
  afterAll(() => api.close());
  beforeEach(() => {
    api.requests.length = 0;
    reply = { status: 200, body: [INBOUND] };
  });

  it('lists a page with its filters as the API names them, and the next cursor from X-Next-Cursor', async () => {
    reply = { status: 200, body: [INBOUND], headers: { 'x-next-cursor': 'abc.def' } };
    const client = createFaxbotClient({ baseUrl: api.url, apiKey: 'k' });
    const page = await client.listInbound({ toNumber: '+15550001111', status: 'received', mailbox: 'front-desk', limit: 20, cursor: 'c1' });
    expect(page).toEqual({ items: [INBOUND], nextCursor: 'abc.def' });
    const url = new URL(api.requests[0]!.url, api.url);
    expect(url.pathname).toBe('/inbound');
    expect(Object.fromEntries(url.searchParams)).toEqual({ to_number: '+15550001111', status: 'received', mailbox: 'front-desk', limit: '20', cursor: 'c1' });
    expect(api.requests[0]!.headers['x-api-key']).toBe('k');
  });

  it('lists without query parameters by default and reports the last page with a null cursor', async () => {
    reply = { status: 200, body: [] };
    await expect(createFaxbotClient({ baseUrl: api.url }).listInbound()).resolves.toEqual({ items: [], nextCursor: null });
    expect(api.requests[0]!.url).toBe('/inbound');
  });

  it.each<[string, FakeAnswer]>([
    ['an object instead of an array', { status: 200, body: { items: [INBOUND] } }],
    ['an array of other things', { status: 200, body: [{ hello: 'world' }] }],
  ])('refuses %s as UNAVAILABLE', async (_label, answer) => {
    reply = answer;
    expect((await failure(createFaxbotClient({ baseUrl: api.url }).listInbound())).code).toBe('UNAVAILABLE');
  });

  it('reads one received fax, escaping the id', async () => {
    reply = { status: 200, body: INBOUND };
    const client = createFaxbotClient({ baseUrl: api.url });
    await expect(client.getInbound(INBOUND.id)).resolves.toEqual(INBOUND);
    await client.getInbound('../admin').catch(() => undefined);
    expect(api.requests.map((request) => request.url)).toEqual([`/inbound/${INBOUND.id}`, '/inbound/..%2Fadmin']);
  });

  it('creates a download token', async () => {
    const token = { token: 't'.repeat(43), url: `http://api/inbound/${INBOUND.id}/pdf?token=${'t'.repeat(43)}`, expires_at: '2026-11-25T11:00:00.000Z' };
    reply = { status: 201, body: token };
    await expect(createFaxbotClient({ baseUrl: api.url, apiKey: 'k' }).createInboundToken(INBOUND.id)).resolves.toEqual(token);
    expect([api.requests[0]!.method, api.requests[0]!.url]).toEqual(['POST', `/inbound/${INBOUND.id}/token`]);
  });

  it('downloads the PDF as bytes, unchanged', async () => {
    reply = { status: 200, raw: PDF, headers: PDF_HEADERS };
    const bytes = await createFaxbotClient({ baseUrl: api.url, apiKey: 'k' }).getInboundPdf(INBOUND.id);
    expect(Buffer.compare(bytes, PDF)).toBe(0);
    expect(api.requests[0]!.url).toBe(`/inbound/${INBOUND.id}/pdf`);
    expect(api.requests[0]!.headers['x-api-key']).toBe('k');
  });

  it.each<[string, Record<string, string>]>([
    ['by its Content-Length', PDF_HEADERS],
    ['while streaming, without a Content-Length', { ...PDF_HEADERS, 'transfer-encoding': 'chunked' }],
  ])('refuses a PDF over maxBytes as TOO_LARGE, %s', async (_label, headers) => {
    reply = { status: 200, raw: Buffer.concat([PDF, Buffer.alloc(4096)]), headers };
    const error = await failure(createFaxbotClient({ baseUrl: api.url }).getInboundPdf(INBOUND.id, { maxBytes: 1024 }));
    expect([error.code, error.detail]).toEqual(['TOO_LARGE', 'The document is larger than 1024 bytes, the most this client accepts']);
  });

  it('accepts a PDF of exactly maxBytes', async () => {
    reply = { status: 200, raw: PDF, headers: { ...PDF_HEADERS, 'transfer-encoding': 'chunked' } };
    expect((await createFaxbotClient({ baseUrl: api.url }).getInboundPdf(INBOUND.id, { maxBytes: PDF.length })).length).toBe(PDF.length);
  });

  it('refuses a success answer that is not a PDF as UNAVAILABLE', async () => {
    reply = { status: 200, raw: '<html>login</html>', headers: { 'content-type': 'text/html' } };
    expect((await failure(createFaxbotClient({ baseUrl: api.url }).getInboundPdf(INBOUND.id))).code).toBe('UNAVAILABLE');
  });

  it('fails the download with NETWORK after the timeout', async () => {
    reply = { status: 200, raw: PDF, headers: PDF_HEADERS, delayMs: 2_000 };
    const error = await failure(createFaxbotClient({ baseUrl: api.url, timeoutMs: 150 }).getInboundPdf(INBOUND.id));
    expect([error.code, error.detail]).toEqual(['NETWORK', 'The Faxbot API did not answer within 150 ms']);
  });

  it('fails the download with NETWORK when the caller aborts', async () => {
    reply = { status: 200, raw: PDF, headers: PDF_HEADERS, delayMs: 2_000 };
    const controller = new AbortController();
    const pending = createFaxbotClient({ baseUrl: api.url }).getInboundPdf(INBOUND.id, { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    expect((await failure(pending)).code).toBe('NETWORK');
  });

  it.each<[number, string, FaxbotApiErrorCode]>([
    [404, 'Inbound not enabled', 'NOT_ENABLED'],
    [404, 'Inbound fax not found', 'NOT_FOUND'],
    [404, 'PDF file not found', 'NOT_FOUND'],
    [403, 'Insufficient scope: inbound:read required', 'FORBIDDEN'],
    [401, 'Invalid or missing API key', 'UNAUTHORIZED'],
    [400, 'Invalid cursor', 'INVALID_INPUT'],
    [500, 'Internal Server Error', 'UNAVAILABLE'],
  ])('maps HTTP %i "%s" to %s from every inbound method', async (status, detail, code) => {
    reply = { status, body: { detail } };
    const client = createFaxbotClient({ baseUrl: api.url, apiKey: 'k' });
    for (const call of [client.listInbound(), client.getInbound('x'), client.getInboundPdf('x'), client.createInboundToken('x')]) {
      const error = await failure(call);
      expect({ code: error.code, status: error.status, detail: error.detail }).toEqual({ code, status, detail });
    }
  });

  it('maps a 404 that says nothing to NOT_FOUND', async () => {
    reply = { status: 404, raw: '', headers: { 'content-type': 'text/plain' } };
    const error = await failure(createFaxbotClient({ baseUrl: api.url }).getInboundPdf('x'));
    expect([error.code, error.detail]).toEqual(['NOT_FOUND', 'HTTP 404']);
  });
});
