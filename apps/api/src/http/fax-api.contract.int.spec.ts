import { randomBytes } from 'node:crypto';
import request from 'supertest';
import type { Database } from '@faxbot/db';
import { minimalPdf } from '@faxbot/plugin-sdk/testing';
import { inspectDocument, type ConversionPool } from '@faxbot/documents';
import { OutboundDocumentStore } from '../storage/outbound-document.store';
import { API_TOKENS } from '../tokens';
import { TEST_DATABASES, sendTextFax, startTestGateway, type TestGateway } from '../testing/test-gateway.test-helpers';

// The original Faxbot's test contract (api/tests), replayed over HTTP on each database.
describe.each(TEST_DATABASES)('original API contract on %s', (database) => {
  let t: TestGateway;

  beforeAll(async () => {
    t = await startTestGateway(database, { MAX_FILE_SIZE_MB: '1', FAX_DISABLED: 'true' });
  });
  afterAll(async () => {
    await t.close();
  });

  async function createKey(scopes: string[]): Promise<{ key_id: string; token: string }> {
    const response = await request(t.app).post('/admin/api-keys').set('X-API-Key', t.apiKey).send({ name: 'test', scopes });
    expect(response.status).toBe(200);
    return response.body as { key_id: string; token: string };
  }

  it('GET /health answers 200 ok without a key', async () => {
    const response = await request(t.app).get('/health');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok' });
  });

  it('refuses to=abc with 400', async () => {
    const response = await sendTextFax(t.app, t.apiKey, 'abc');
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ detail: "'to' must be E.164 or digits only" });
  });

  it('accepts a TXT fax with 202 and a queued job object', async () => {
    const response = await sendTextFax(t.app, t.apiKey, '+15551230010');
    expect(response.status).toBe(202);
    expect(response.body).toMatchObject({ to: '+15551230010', status: 'queued', error: null, error_code: null, backend: 'loopback', provider_sid: null });
    expect(response.body.id).toMatch(/^[a-f0-9]{32}$/);
  });

  it('detects PDF by content, whatever the declared type, and stores it encrypted', async () => {
    const pdf = minimalPdf('Patient Jane Q. Public');
    const response = await request(t.app)
      .post('/fax')
      .set('X-API-Key', t.apiKey)
      .field('to', '15551230011')
      .attach('file', pdf, { filename: 'scan.bin', contentType: 'application/octet-stream' });
    expect(response.status).toBe(202);
    const { readFileSync } = await import('node:fs');
    const raw = readFileSync(`${t.dataDir}/storage/outbound/${response.body.id}.pdf@enc`);
    expect(raw.includes('%PDF')).toBe(false);
    expect(raw.includes('Jane Q. Public')).toBe(false);
  });

  it('creates a fbk_live_ key that can send (202) and read (200)', async () => {
    const key = await createKey(['fax:send', 'fax:read']);
    expect(key.token.startsWith('fbk_live_')).toBe(true);
    const sent = await sendTextFax(t.app, key.token, '+15551230012');
    expect(sent.status).toBe(202);
    const read = await request(t.app).get(`/fax/${sent.body.id}`).set('X-API-Key', key.token);
    expect(read.status).toBe(200);
    expect(read.body.id).toBe(sent.body.id);
    const listed = await request(t.app).get('/admin/api-keys').set('X-API-Key', t.apiKey);
    expect(listed.body.map((row: { key_id: string }) => row.key_id)).toContain(key.key_id);
  });

  it('gives a fax:read-only key 403 on POST /fax', async () => {
    const key = await createKey(['fax:read']);
    const response = await sendTextFax(t.app, key.token, '+15551230013');
    expect(response.status).toBe(403);
    expect(response.body).toEqual({ detail: 'Insufficient scope: fax:send required' });
  });

  it('gives a fax:send-only key 202 on POST and 403 on GET', async () => {
    const key = await createKey(['fax:send']);
    const sent = await sendTextFax(t.app, key.token, '+15551230014');
    expect(sent.status).toBe(202);
    const read = await request(t.app).get(`/fax/${sent.body.id}`).set('X-API-Key', key.token);
    expect(read.status).toBe(403);
  });

  it('answers 401 to a revoked key, and to a rotated-away secret', async () => {
    const key = await createKey(['fax:send', 'fax:read']);
    const sent = await sendTextFax(t.app, key.token, '+15551230015');
    const rotated = await request(t.app).post(`/admin/api-keys/${key.key_id}/rotate`).set('X-API-Key', t.apiKey);
    expect(rotated.status).toBe(200);
    expect((await request(t.app).get(`/fax/${sent.body.id}`).set('X-API-Key', key.token)).status).toBe(401);
    expect((await request(t.app).get(`/fax/${sent.body.id}`).set('X-API-Key', rotated.body.token)).status).toBe(200);
    const revoked = await request(t.app).delete(`/admin/api-keys/${key.key_id}`).set('X-API-Key', t.apiKey);
    expect(revoked.body).toEqual({ status: 'ok' });
    const after = await request(t.app).get(`/fax/${sent.body.id}`).set('X-API-Key', rotated.body.token);
    expect(after.status).toBe(401);
    expect(after.body).toEqual({ detail: 'Invalid or missing API key' });
  });

  it('answers 401 to an expired key', async () => {
    const response = await request(t.app)
      .post('/admin/api-keys')
      .set('X-API-Key', t.apiKey)
      .send({ scopes: ['fax:read'], expires_at: new Date(Date.now() + 300).toISOString() });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect((await request(t.app).get('/fax/0').set('X-API-Key', response.body.token)).status).toBe(401);
  });

  it('answers 401 without a key and with an unknown key', async () => {
    expect((await request(t.app).get('/fax/x')).status).toBe(401);
    expect((await request(t.app).get('/fax/x').set('X-API-Key', `fbk_live_${'a'.repeat(12)}_${'b'.repeat(43)}`)).status).toBe(401);
  });

  it('refuses an oversized file with 413 while streaming, and keeps no temp file', async () => {
    const big = Buffer.alloc(1024 * 1024 + 10, 0x61);
    const response = await request(t.app).post('/fax').set('X-API-Key', t.apiKey).field('to', '+15551230016').attach('file', big, 'big.txt');
    expect(response.status).toBe(413);
    expect(response.body).toEqual({ detail: 'File exceeds 1 MB limit' });
    const { readdirSync } = await import('node:fs');
    expect(readdirSync(`${t.dataDir}/tmp`)).toEqual([]);
  });

  it('refuses random binary with 415', async () => {
    const noise = Buffer.concat([Buffer.from([0xff, 0x00, 0xfe]), randomBytes(4096)]);
    const response = await request(t.app).post('/fax').set('X-API-Key', t.apiKey).field('to', '+15551230017').attach('file', noise, { filename: 'x.pdf', contentType: 'application/pdf' });
    expect(response.status).toBe(415);
    expect(response.body).toEqual({ detail: 'Only PDF, TXT, PNG, JPEG and TIFF are allowed' });
  });

  it.each([
    ['a truncated PDF', () => minimalPdf('cut short').subarray(0, 60)],
    ['a password-protected PDF', () => Buffer.from(minimalPdf('locked').toString('latin1').replace('/Root 1 0 R', '/Root 1 0 R /Encrypt << /Filter /Standard /V 1 /R 2 /O (x) /U (y) /P -4 >>'), 'latin1')],
  ])('refuses %s with 422 and a reason, keeping nothing', async (_name, build) => {
    const response = await request(t.app).post('/fax').set('X-API-Key', t.apiKey).field('to', '+15551230019').attach('file', build(), { filename: 'doc.pdf', contentType: 'application/pdf' });
    expect(response.status).toBe(422);
    expect(typeof response.body.detail).toBe('string');
    const { readdirSync } = await import('node:fs');
    expect(readdirSync(`${t.dataDir}/tmp`)).toEqual([]);
  });

  it('puts a cover page first when asked, and refuses a bad cover request', async () => {
    const send = (fields: Record<string, string>): request.Test => {
      const call = request(t.app).post('/fax').set('X-API-Key', t.apiKey).field('to', '+15551230021');
      for (const [name, value] of Object.entries(fields)) call.field(name, value);
      return call.attach('file', minimalPdf('Referral letter'), { filename: 'referral.pdf', contentType: 'application/pdf' });
    };
    const plain = await send({});
    const covered = await send({ cover_page: 'true', cover_to: 'Dr. Rivera', cover_from: 'Front desk', cover_subject: 'Referral', cover_message: 'Please call us back.' });
    expect(plain.status).toBe(202);
    expect(covered.status).toBe(202);
    const db = t.gateway.container.get<Database>(API_TOKENS.Database);
    const pagesOf = async (id: string): Promise<number> => {
      const job = await db.jobs.findById(id);
      const bytes = await t.gateway.container.get(OutboundDocumentStore).toFaxDocument(job!.documentKey, job!.fileName, job!.sizeBytes).read();
      return (await inspectDocument(bytes, { pool: t.gateway.container.get<ConversionPool>(API_TOKENS.ConversionPool) })).pages;
    };
    expect(await pagesOf(String(plain.body.id))).toBe(1);
    expect(await pagesOf(String(covered.body.id))).toBe(2);
    expect((await send({ cover_page: 'maybe' })).body).toEqual({ detail: 'cover_page must be true or false' });
    expect((await send({ cover_page: 'true', cover_subject: 's'.repeat(201) })).status).toBe(422);
    expect((await send({ cover_page: 'true', cover_message: 'm'.repeat(40 * 1024) })).status).toBe(422);
    expect((await send({ cover_page: 'true', cover_message: 'Grüße \u4e16\u754c' })).status).toBe(422);
  });

  it('turns a text upload into the PDF that is stored and faxed', async () => {
    const sent = await sendTextFax(t.app, t.apiKey, '+15551230020', 'Line one\nLine two\n');
    expect(sent.status).toBe(202);
    const db = t.gateway.container.get<Database>(API_TOKENS.Database);
    const job = await db.jobs.findById(String(sent.body.id));
    expect(job).toMatchObject({ documentType: 'pdf', documentKey: `outbound/${String(sent.body.id)}.pdf` });
  });

  it.each([
    ['file', (r: request.Test) => r.field('to', '+15551230018')],
    ['to', (r: request.Test) => r.attach('file', Buffer.from('hi'), 'a.txt')],
  ])('answers 422 when %s is missing', async (_field, build) => {
    const response = await build(request(t.app).post('/fax').set('X-API-Key', t.apiKey));
    expect(response.status).toBe(422);
    expect(response.body.detail).toContain('Missing required form field');
  });

  it('answers 422 to a non-multipart body', async () => {
    const response = await request(t.app).post('/fax').set('X-API-Key', t.apiKey).send({ to: '+15551230019' });
    expect(response.status).toBe(422);
  });

  it('answers 404 with detail for an unknown job', async () => {
    const response = await request(t.app).get('/fax/ffffffffffffffffffffffffffffffff').set('X-API-Key', t.apiKey);
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ detail: 'Job not found' });
  });

  it.each([
    [{ scopes: ['fax:fly'] }, 400],
    [{ scopes: 'fax:send' }, 400],
    [{ expires_at: 'tomorrow' }, 400],
    [{ expires_at: '2001-01-01T00:00:00Z' }, 400],
  ])('refuses key body %j with %d', async (body, status) => {
    const response = await request(t.app).post('/admin/api-keys').set('X-API-Key', t.apiKey).send(body);
    expect(response.status).toBe(status);
    expect(typeof response.body.detail).toBe('string');
  });

  it('does not let a keys:manage key mint keys with scopes it lacks', async () => {
    const manager = await createKey(['keys:manage']);
    const response = await request(t.app).post('/admin/api-keys').set('X-API-Key', manager.token).send({ scopes: ['fax:send'] });
    expect(response.status).toBe(403);
  });

  it('answers 404 for revoking or rotating an unknown key', async () => {
    expect((await request(t.app).delete('/admin/api-keys/000000000000').set('X-API-Key', t.apiKey)).status).toBe(404);
    expect((await request(t.app).post('/admin/api-keys/000000000000/rotate').set('X-API-Key', t.apiKey)).status).toBe(404);
  });

  it('answers malformed JSON with 400 and an unknown route with 404, both with detail', async () => {
    const bad = await request(t.app).post('/admin/api-keys').set('X-API-Key', t.apiKey).set('Content-Type', 'application/json').send('{nope');
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ detail: 'Malformed request body' });
    const missing = await request(t.app).get('/nowhere');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ detail: 'Not Found' });
  });
});
