import { randomBytes } from 'node:crypto';
import request from 'supertest';
import type { Database } from '@faxbot/db';
import { startSinchSimulator, type SinchSimulator } from '@faxbot/provider-simulators';
import { TEST_DATABASES, type TestGateway } from '../testing/test-gateway.test-helpers';
import { API_TOKENS } from '../tokens';
import { E2E_PDF, downloadBothWays, finalJob, routeToMailbox, sendPdf, startProviderGateway, waitForInbound } from './provider-e2e.test-helpers';

const CALLBACK_USER = 'faxbot-callbacks';
const CALLBACK_PASS = `pass-${randomBytes(12).toString('hex')}`;

// Sinch end to end: the gateway, configured by the original environment variable names, against
// the Sinch Fax v3 simulator over real sockets (OAuth, multipart sends, callbacks with credentials).
describe.each(TEST_DATABASES)('Sinch end to end (%s)', (database) => {
  jest.setTimeout(60_000);
  let sim: SinchSimulator;
  let t: TestGateway;

  const start = async (env: Record<string, string> = {}): Promise<void> => {
    sim = await startSinchSimulator({ queuedMs: 50, inProgressMs: 150 });
    t = await startProviderGateway(database, {
      FAX_BACKEND: 'sinch',
      SINCH_PROJECT_ID: sim.projectId,
      // The original's fallback names: SINCH_API_KEY/SECRET unset, the Phaxio ones used.
      PHAXIO_API_KEY: sim.keyId,
      PHAXIO_API_SECRET: sim.keySecret,
      SINCH_BASE_URL: sim.url,
      SINCH_AUTH_URL: sim.authUrl,
      SINCH_INBOUND_BASIC_USER: CALLBACK_USER,
      SINCH_INBOUND_BASIC_PASS: CALLBACK_PASS,
      SINCH_REQUEST_TIMEOUT_MS: '1500',
      ...env,
    });
  };
  const sends = (): number => sim.requests.filter((recorded) => recorded.method === 'POST' && recorded.path.endsWith('/faxes') && recorded.status !== 401).length;
  const job = (jobId: string): Promise<Record<string, unknown>> => request(t.app).get(`/fax/${jobId}`).set('X-API-Key', t.apiKey).then((response) => response.body as Record<string, unknown>);
  const basic = (user: string, pass: string): string => `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;

  afterEach(async () => {
    await t?.close();
    await sim?.close();
  });

  it('sends through Sinch with OAuth and reaches SUCCESS by its callback', async () => {
    await start();
    const done = await finalJob(t, await sendPdf(t, '+15550100000'));
    expect(done).toMatchObject({ status: 'SUCCESS', backend: 'sinch' });
    const fax = sim.faxes.get(String(done['provider_sid']))!;
    expect(fax).toMatchObject({ to: '+15550100000', documentSource: 'file' });
    expect(fax.document?.length).toBe(E2E_PDF.length);
    expect(sim.tokensIssued).toBe(1);
    expect(sim.callbacks.some((callback) => callback.faxId === fax.id && callback.status === 200)).toBe(true);
    expect(t.logs()).toContain('"source":"webhook"');
  });

  it('fails a busy line with a reason; retries a 5xx and not a 4xx', async () => {
    await start();
    expect(await finalJob(t, await sendPdf(t, '+15550100001'))).toMatchObject({ status: 'FAILED', error_code: 'LINE_BUSY' });
    sim.failNextSend('server_error');
    expect(await finalJob(t, await sendPdf(t, '+15550100000'))).toMatchObject({ status: 'SUCCESS' });
    sim.failNextSend('client_error');
    expect(await finalJob(t, await sendPdf(t, '+15550100000'))).toMatchObject({ status: 'FAILED' });
    expect(sends()).toBe(4);
  });

  it('refuses callbacks without the right credentials and trusts the API over an altered body', async () => {
    await start();
    const jobId = await sendPdf(t, '+15550100003');
    const deadline = Date.now() + 10_000;
    while ((await job(jobId))['provider_sid'] === null && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    const faxId = String((await job(jobId))['provider_sid']);
    // A body claiming the slow fax is COMPLETED, while the API still says IN_PROGRESS.
    const claim = JSON.stringify({ event: 'FAX_COMPLETED', eventTime: new Date().toISOString(), fax: { id: faxId, direction: 'OUTBOUND', status: 'COMPLETED', numberOfPages: 1 } });
    const post = (authorization: string | null): request.Test => {
      const call = request(t.app).post('/webhooks/sinch/status').set('content-type', 'application/json');
      return (authorization === null ? call : call.set('authorization', authorization)).send(claim);
    };
    expect((await post(null)).status).toBe(401);
    expect((await post(basic(CALLBACK_USER, 'wrong'))).status).toBe(401);
    expect((await post(basic(CALLBACK_USER, CALLBACK_PASS))).status).toBe(200);
    expect((await job(jobId))['status']).toBe('in_progress');
    // Sinch really finishes it; its callback (and a late, stale one) leave SUCCESS in place.
    await sim.completeFax(faxId, 'COMPLETED');
    expect(await finalJob(t, jobId)).toMatchObject({ status: 'SUCCESS' });
    const before = await job(jobId);
    expect((await sim.redeliverCallback(faxId)).status).toBe(200);
    expect((await sim.deliverStaleCallback(faxId, 'IN_PROGRESS')).status).toBe(200);
    expect(await job(jobId)).toEqual(before);
  });

  it('never runs an unauthenticated callback endpoint by default', async () => {
    await start({ SINCH_INBOUND_BASIC_USER: '', SINCH_INBOUND_BASIC_PASS: '' });
    const delivered = await sim.deliverInbound({ url: `${t.config.publicApiUrl}/sinch-inbound`, to: '+15550003333', pdf: E2E_PDF });
    expect(delivered.callback.status).toBe(401);
    const db = t.gateway.container.get<Database>(API_TOKENS.Database);
    expect((await db.inbound.list({ limit: 10 })).items).toEqual([]);
  });

  it('receives a fax through /sinch-inbound: confirmed with the API, listed once, routed and downloadable', async () => {
    await start();
    const did = '+15550003333';
    await routeToMailbox(t, did, 'sinch-desk');
    const url = new URL(`${t.config.publicApiUrl}/sinch-inbound`);
    url.username = CALLBACK_USER;
    url.password = CALLBACK_PASS;
    const delivered = await sim.deliverInbound({ url: url.href, to: did, from: '+15556667777', pdf: E2E_PDF });
    expect(delivered.callback.status).toBe(200);
    const listed = await waitForInbound(t, 1);
    expect(listed[0]).toMatchObject({ to: did, fr: '+15556667777', backend: 'sinch', mailbox: 'sinch-desk' });
    expect((await sim.redeliverCallback(delivered.fax.id)).status).toBe(200);
    const db = t.gateway.container.get<Database>(API_TOKENS.Database);
    expect((await db.inbound.list({ limit: 10 })).items).toHaveLength(1);
    const { withKey, withToken } = await downloadBothWays(t, String(listed[0]!['id']));
    expect(Buffer.compare(withKey, E2E_PDF)).toBe(0);
    expect(Buffer.compare(withToken, E2E_PDF)).toBe(0);
    expect(t.logs()).not.toContain(CALLBACK_PASS);
    expect(t.logs()).not.toContain(sim.keySecret);
    for (const number of [did, '+15556667777']) expect(t.logs()).not.toContain(number.slice(1));
  });
});
