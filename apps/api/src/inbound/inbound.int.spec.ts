import { createHash } from 'node:crypto';
import request from 'supertest';
import type { Database } from '@faxbot/db';
import { minimalFaxTiff, minimalPdf } from '@faxbot/plugin-sdk/testing';
import { DocumentLinkService } from '../documents/document-link.service';
import { EventBus } from '../events/event-bus';
import { RetentionSweeper } from '../retention/retention.sweeper';
import { TEST_DATABASES, startTestGateway, type TestGateway } from '../testing/test-gateway.test-helpers';
import { writeAllowlist, writeTempPlugins } from '../testing/temp-plugins.test-helpers';
import { API_TOKENS } from '../tokens';

// An inbound plugin for the host's side of receiving: it trusts a shared header (a stand-in for a
// provider signature) and returns the faxes of a JSON body as `received`.
const MAILROOM_JS = `
exports.createPlugin = () => ({
  validateConfig: async () => ({ ok: true }),
  start: async () => undefined,
  stop: async () => undefined,
  send: async ({ jobId }) => ({ providerSid: 'mr-' + jobId, status: 'SUCCESS' }),
  getStatus: async () => ({ status: 'SUCCESS' }),
  handleWebhook: async (request) => {
    if (request.headers['x-mailroom-secret'] !== 'opensesame') return { response: { status: 401, body: { detail: 'bad secret' } } };
    const body = JSON.parse(request.rawBody.toString('utf8'));
    const received = body.faxes.map((fax) => ({
      providerSid: fax.id, from: fax.from ?? null, to: fax.to, pages: fax.pages ?? null,
      receivedAt: new Date(fax.at ?? Date.now()),
      document: { type: fax.type ?? 'pdf', bytes: Buffer.from(fax.base64, 'base64') },
    }));
    return { response: { status: 200, body: { status: 'ok' } }, received };
  },
});
`;

const MANIFEST = { manifestVersion: 1, id: 'mailroom', kind: 'backend', apiVersion: 1, entry: './index.js', categories: ['outbound', 'inbound'], capabilities: ['send', 'receive'] };

const PDF = minimalPdf('received fax');
const DID = '+15550001111';
const CALLER = '+15557778888';

interface DeliveredFax {
  id: string;
  to?: string;
  from?: string;
  pages?: number;
  at?: number;
  type?: 'pdf' | 'tiff';
  bytes?: Buffer;
}

describe.each(TEST_DATABASES)('inbound faxes (%s)', (database) => {
  let t: TestGateway;
  let open: TestGateway[] = [];
  let plugins: { nodeModules: string; allowlist: string };

  const deliver = (faxes: DeliveredFax[], secret = 'opensesame'): request.Test =>
    request(t.app)
      .post('/webhooks/mailroom/inbound')
      .set('x-mailroom-secret', secret)
      .set('content-type', 'application/json')
      .send(JSON.stringify({ faxes: faxes.map((fax) => ({ to: DID, from: CALLER, pages: 1, ...fax, base64: (fax.bytes ?? PDF).toString('base64') })) }));
  const keyWith = async (scopes: string[]): Promise<string> => {
    const created = await request(t.app).post('/admin/api-keys').set('X-API-Key', t.apiKey).send({ name: scopes.join('+'), scopes });
    return String((created.body as { token: string }).token);
  };
  const list = (query = ''): request.Test => request(t.app).get(`/inbound${query}`).set('X-API-Key', t.apiKey);

  beforeAll(() => {
    const written = writeTempPlugins([{ name: 'faxbot-plugin-mailroom', faxbot: MANIFEST, files: { 'index.js': MAILROOM_JS } }]);
    plugins = { nodeModules: written.nodeModules, allowlist: writeAllowlist(written.root, [{ name: 'faxbot-plugin-mailroom', id: 'mailroom' }]) };
  });

  afterEach(async () => {
    await Promise.all(open.map((gateway) => gateway.close()));
    open = [];
  });

  const start = async (env: Record<string, string> = {}): Promise<void> => {
    t = await startTestGateway(database, { FAXBOT_PLUGIN_PATH: plugins.nodeModules, FAXBOT_ALLOWLIST_PATH: plugins.allowlist, FAX_BACKEND: 'mailroom', INBOUND_ENABLED: 'true', ...env });
    open.push(t);
  };

  it('answers 404 "Inbound not enabled" when off, after the auth check, and still stores what providers deliver', async () => {
    await start({ INBOUND_ENABLED: 'false' });
    expect((await request(t.app).get('/inbound')).status).toBe(401);
    const off = await list();
    expect(off.status).toBe(404);
    expect(off.body).toEqual({ detail: 'Inbound not enabled' });
    expect((await deliver([{ id: 'p-off' }])).status).toBe(200);
    expect(await t.gateway.container.get<Database>(API_TOKENS.Database).inbound.findByProviderSid('mailroom', 'p-off')).not.toBeNull();
  });

  it('stores a delivered fax once, lists it in the original shape and announces it once', async () => {
    await start();
    const announced: unknown[] = [];
    t.gateway.container.get(EventBus).subscribe('fax.received', (event) => void announced.push(event.payload), { name: 'test' });
    expect((await deliver([{ id: 'p-1', pages: 2 }])).status).toBe(200);
    expect((await deliver([{ id: 'p-1', pages: 2 }])).status).toBe(200);
    const listed = await list();
    expect(listed.status).toBe(200);
    expect(listed.body).toHaveLength(1);
    const fax = (listed.body as Array<Record<string, unknown>>)[0]!;
    expect(fax).toMatchObject({ fr: CALLER, to: DID, status: 'received', backend: 'mailroom', pages: 2, size_bytes: PDF.length, mailbox: null, document_available: true });
    expect(fax['sha256']).toBe(createHash('sha256').update(PDF).digest('hex'));
    expect(announced).toEqual([{ inboundId: fax['id'], instanceId: 'mailroom', providerSid: 'p-1', pages: 2, mailbox: null }]);
    const one = await request(t.app).get(`/inbound/${String(fax['id'])}`).set('X-API-Key', t.apiKey);
    expect(one.body).toEqual(fax);
    expect((await request(t.app).get('/inbound/0123456789abcdef0123456789abcdef').set('X-API-Key', t.apiKey)).body).toEqual({ detail: 'Inbound fax not found' });
  });

  it('refuses a delivery the plugin does not verify, and stores nothing', async () => {
    await start();
    expect((await deliver([{ id: 'forged' }], 'guess')).status).toBe(401);
    expect((await list()).body).toEqual([]);
  });

  it('stores a TIFF as a PDF and refuses entries that are not faxes', async () => {
    await start();
    expect((await deliver([{ id: 'tif-1', type: 'tiff', bytes: minimalFaxTiff() }, { id: 'bad-to', to: 'not a number' }, { id: 'not-pdf', bytes: Buffer.from('plain words') }])).status).toBe(200);
    const listed = (await list()).body as Array<Record<string, unknown>>;
    expect(listed).toHaveLength(1);
    const pdf = await request(t.app).get(`/inbound/${String(listed[0]!['id'])}/pdf`).set('X-API-Key', t.apiKey).buffer(true);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect((pdf.body as Buffer).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('routes a number to its mailbox and filters by mailbox, number and status', async () => {
    await start();
    expect((await request(t.app).post('/admin/inbound/mailboxes').set('X-API-Key', t.apiKey).send({ label: 'front-desk', note: 'reception' })).status).toBe(201);
    const rule = await request(t.app).post('/admin/inbound/rules').set('X-API-Key', t.apiKey).send({ to_number: DID, mailbox: 'front-desk' });
    expect(rule.status).toBe(201);
    expect(rule.body).toMatchObject({ to_number: DID, mailbox: 'front-desk' });
    await deliver([{ id: 'routed' }, { id: 'other', to: '+15550002222' }]);
    const routed = (await list('?mailbox=front-desk')).body as Array<Record<string, unknown>>;
    expect(routed.map((fax) => fax['mailbox'])).toEqual(['front-desk']);
    expect(((await list('?to_number=%2B15550002222')).body as unknown[]).length).toBe(1);
    expect(((await list('?status=received')).body as unknown[]).length).toBe(2);
    expect(((await list('?status=deleted')).body as unknown[]).length).toBe(0);
  });

  it('pages newest first with limit and cursor, and refuses a bad limit or cursor', async () => {
    await start();
    const base = Date.now() - 60_000;
    await deliver([1, 2, 3, 4, 5].map((n) => ({ id: `page-${n}`, at: base + n * 1000 })));
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 4; page += 1) {
      const response = await list(`?limit=2${cursor === undefined ? '' : `&cursor=${cursor}`}`);
      expect(response.status).toBe(200);
      const items = response.body as Array<Record<string, unknown>>;
      seen.push(...items.map((fax) => String(fax['received_at'])));
      cursor = response.headers['x-next-cursor'];
      if (cursor === undefined) break;
      expect(response.headers['link']).toContain('rel="next"');
    }
    expect(seen).toEqual([5, 4, 3, 2, 1].map((n) => new Date(base + n * 1000).toISOString()));
    expect((await list('?limit=0')).status).toBe(400);
    expect((await list('?limit=101')).status).toBe(400);
    expect((await list('?cursor=bm90LWEtY3Vyc29y')).body).toEqual({ detail: 'Invalid cursor' });
  });

  it('serves the PDF to a key with inbound:read, not to one with only inbound:list', async () => {
    await start();
    await deliver([{ id: 'dl' }]);
    const id = String(((await list()).body as Array<Record<string, unknown>>)[0]!['id']);
    const reader = await keyWith(['inbound:read']);
    const lister = await keyWith(['inbound:list']);
    const pdf = await request(t.app).get(`/inbound/${id}/pdf`).set('X-API-Key', reader).buffer(true);
    expect(pdf.status).toBe(200);
    expect(Buffer.compare(pdf.body as Buffer, PDF)).toBe(0);
    expect(pdf.headers['cache-control']).toContain('no-store');
    expect((await request(t.app).get(`/inbound/${id}/pdf`).set('X-API-Key', lister)).status).toBe(403);
    expect((await request(t.app).get('/inbound').set('X-API-Key', reader)).status).toBe(403);
    expect((await request(t.app).get(`/inbound/${id}/pdf`)).status).toBe(401);
  });

  it('hands out a download link that works without an API key and only for its own fax, until it expires', async () => {
    await start();
    await deliver([{ id: 'tok-1' }, { id: 'tok-2' }]);
    const [second, first] = ((await list()).body as Array<Record<string, unknown>>).map((fax) => String(fax['id']));
    const minted = await request(t.app).post(`/inbound/${first}/token`).set('X-API-Key', t.apiKey);
    expect(minted.status).toBe(201);
    const { token, url } = minted.body as { token: string; url: string };
    expect(url).toBe(`${t.config.publicApiUrl}/inbound/${first}/pdf?token=${token}`);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const opened = await request(t.app).get(`/inbound/${first}/pdf?token=${token}`).buffer(true);
    expect(opened.status).toBe(200);
    expect(Buffer.compare(opened.body as Buffer, PDF)).toBe(0);
    expect((await request(t.app).get(`/inbound/${second}/pdf?token=${token}`)).body).toEqual({ detail: 'Forbidden' });
    expect((await request(t.app).get(`/inbound/${first}/pdf?token=${'x'.repeat(43)}`)).status).toBe(403);
    const shortLived = await t.gateway.container.get(DocumentLinkService).mint('inbound', String(first), 1);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect((await request(t.app).get(`/inbound/${first}/pdf?token=${shortLived.token}`)).body).toEqual({ detail: 'Token expired' });
    expect(t.logs()).not.toContain(token);
  });

  it('deletes received documents when their retention is due, keeping the row', async () => {
    await start({ INBOUND_RETENTION_DAYS: '1' });
    await deliver([{ id: 'old' }]);
    const id = String(((await list()).body as Array<Record<string, unknown>>)[0]!['id']);
    const sweeper = t.gateway.container.get(RetentionSweeper);
    expect(await sweeper.sweep(new Date())).toMatchObject({ inbound: 0 });
    expect(await sweeper.sweep(new Date(Date.now() + 2 * 24 * 3600 * 1000))).toMatchObject({ inbound: 1, outbound: 0 });
    const fax = await request(t.app).get(`/inbound/${id}`).set('X-API-Key', t.apiKey);
    expect(fax.body).toMatchObject({ id, document_available: false });
    expect((await request(t.app).get(`/inbound/${id}/pdf`).set('X-API-Key', t.apiKey)).body).toEqual({ detail: 'PDF file not found' });
    expect((await request(t.app).post(`/inbound/${id}/token`).set('X-API-Key', t.apiKey)).status).toBe(404);
    expect(t.logs()).toContain('retention.inbound_deleted');
  });

  it('manages mailboxes and rules with clear errors', async () => {
    await start();
    const admin = (method: 'post' | 'put' | 'delete', path: string, body?: object): request.Test => {
      const call = request(t.app)[method](path).set('X-API-Key', t.apiKey);
      return body === undefined ? call : call.send(body);
    };
    expect((await admin('post', '/admin/inbound/mailboxes', { label: 'Bad Label' })).status).toBe(422);
    expect((await admin('post', '/admin/inbound/mailboxes', { label: 'billing', note: 7 })).status).toBe(422);
    expect((await admin('post', '/admin/inbound/mailboxes', { label: 'billing' })).status).toBe(201);
    expect((await admin('post', '/admin/inbound/mailboxes', { label: 'billing' })).body).toEqual({ detail: 'Mailbox already exists' });
    expect((await admin('put', '/admin/inbound/mailboxes/billing', { note: 'accounts' })).body).toMatchObject({ label: 'billing', note: 'accounts' });
    expect((await admin('put', '/admin/inbound/mailboxes/nobody', { note: 'x' })).status).toBe(404);
    expect((await admin('post', '/admin/inbound/rules', { to_number: '12-34', mailbox: 'billing' })).status).toBe(422);
    expect((await admin('post', '/admin/inbound/rules', { to_number: DID, mailbox: 'nobody' })).body).toEqual({ detail: 'mailbox must name an existing mailbox' });
    const rule = await admin('post', '/admin/inbound/rules', { to_number: DID, mailbox: 'billing' });
    expect((await admin('post', '/admin/inbound/rules', { to_number: DID, mailbox: 'billing' })).status).toBe(409);
    expect((await admin('delete', '/admin/inbound/mailboxes/billing')).status).toBe(409);
    expect((await admin('delete', `/admin/inbound/rules/${String((rule.body as { id: string }).id)}`)).status).toBe(204);
    expect((await admin('delete', '/admin/inbound/rules/none')).status).toBe(404);
    expect((await admin('delete', '/admin/inbound/mailboxes/billing')).status).toBe(204);
    expect((await request(t.app).post('/admin/inbound/mailboxes').set('X-API-Key', t.apiKey).set('content-type', 'application/json').send('{oops')).status).toBe(400);
    const reader = await keyWith(['admin:inbound:read']);
    expect((await request(t.app).get('/admin/inbound/mailboxes').set('X-API-Key', reader)).status).toBe(200);
    expect((await request(t.app).post('/admin/inbound/mailboxes').set('X-API-Key', reader).send({ label: 'x1' })).status).toBe(403);
  });

  it('keeps numbers out of the logs', async () => {
    await start();
    await request(t.app).post('/admin/inbound/mailboxes').set('X-API-Key', t.apiKey).send({ label: 'desk' });
    await request(t.app).post('/admin/inbound/rules').set('X-API-Key', t.apiKey).send({ to_number: DID, mailbox: 'desk' });
    await deliver([{ id: 'phi' }]);
    const logs = t.logs();
    expect(logs).toContain('inbound fax stored');
    for (const number of [DID, CALLER]) {
      expect(logs).not.toContain(number.slice(1));
      expect(logs).not.toContain(number.slice(-10));
    }
  });
});
