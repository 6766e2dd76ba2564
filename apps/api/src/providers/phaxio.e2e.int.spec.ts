import request from 'supertest';
import type { Database } from '@faxbot/db';
import { phaxioDocumentBytes, signPhaxioWebhook, startPhaxioSimulator, type PhaxioSimulator } from '@faxbot/provider-simulators';
import type { TestGateway } from '../testing/test-gateway.test-helpers';
import { TEST_DATABASES } from '../testing/test-gateway.test-helpers';
import { API_TOKENS } from '../tokens';
import { E2E_PDF, downloadBothWays, finalJob, routeToMailbox, sendPdf, startProviderGateway, waitForInbound } from './provider-e2e.test-helpers';

// Phaxio end to end: the gateway, configured only by the original environment variables, against
// the Phaxio simulator over real sockets (the API calls, the signed callbacks, the content URL fetch).
describe.each(TEST_DATABASES)('Phaxio end to end (%s)', (database) => {
  jest.setTimeout(60_000);
  let sim: PhaxioSimulator;
  let t: TestGateway;

  const start = async (env: Record<string, string> = {}): Promise<void> => {
    sim = await startPhaxioSimulator({ queuedMs: 50, inProgressMs: 150 });
    t = await startProviderGateway(database, {
      FAX_BACKEND: 'phaxio',
      PHAXIO_API_KEY: sim.apiKey,
      PHAXIO_API_SECRET: sim.apiSecret,
      PHAXIO_WEBHOOK_TOKEN: sim.webhookToken,
      PHAXIO_BASE_URL: sim.url,
      PHAXIO_REQUEST_TIMEOUT_MS: '1500',
      ...env,
    });
  };
  const sends = (): number => sim.requests.filter((recorded) => recorded.route === 'send' && recorded.authorized).length;
  const job = (jobId: string): Promise<Record<string, unknown>> => request(t.app).get(`/fax/${jobId}`).set('X-API-Key', t.apiKey).then((response) => response.body as Record<string, unknown>);

  afterEach(async () => {
    await t?.close();
    await sim?.close();
  });

  it('sends through Phaxio and reaches SUCCESS by its signed callback', async () => {
    await start();
    expect((await request(t.app).get('/health/ready')).body).toMatchObject({ status: 'ready', backend: 'phaxio' });
    const jobId = await sendPdf(t, sim.numbers.delivered);
    const done = await finalJob(t, jobId);
    expect(done).toMatchObject({ status: 'SUCCESS', backend: 'phaxio', error: null });
    const fax = sim.fax(String(done['provider_sid']));
    expect(fax?.fax.recipients[0]?.phone_number).toBe(sim.numbers.delivered);
    expect(phaxioDocumentBytes(fax!)).toBe(E2E_PDF.length);
    expect(sim.callbacks.some((callback) => callback.url === `${t.config.publicApiUrl}/webhooks/phaxio/status` && callback.responseStatus === 200)).toBe(true);
    expect(t.logs()).toContain('"source":"webhook"');
  });

  it('fails a busy line with a reason, without retrying it', async () => {
    await start();
    const done = await finalJob(t, await sendPdf(t, sim.numbers.busy));
    expect(done).toMatchObject({ status: 'FAILED', error_code: 'LINE_BUSY' });
    expect(String(done['error'])).not.toContain(sim.numbers.busy.slice(1));
    expect(sends()).toBe(1);
  });

  it('retries a provider 5xx and does not retry a 4xx', async () => {
    await start();
    sim.failNextSend('server_error');
    expect(await finalJob(t, await sendPdf(t, sim.numbers.delivered))).toMatchObject({ status: 'SUCCESS' });
    expect(sends()).toBe(2);
    sim.failNextSend('client_error');
    const refused = await finalJob(t, await sendPdf(t, sim.numbers.delivered));
    expect(refused).toMatchObject({ status: 'FAILED', error_code: 'PROVIDER_REJECTED' });
    expect(sends()).toBe(3);
  });

  it('sends a fax once when the answer to the send is lost: the retry finds it by its key', async () => {
    await start();
    sim.failNextSend('accepted_then_timeout');
    const done = await finalJob(t, await sendPdf(t, sim.numbers.delivered), 30_000);
    expect(done).toMatchObject({ status: 'SUCCESS' });
    expect(sim.faxes.size).toBe(1);
  });

  it('lets Phaxio fetch the document from a tokenised link when content_url is chosen', async () => {
    await start({ PHAXIO_DOCUMENT_DELIVERY: 'content_url' });
    const done = await finalJob(t, await sendPdf(t, sim.numbers.delivered));
    expect(done).toMatchObject({ status: 'SUCCESS' });
    const fax = sim.fax(String(done['provider_sid']))!;
    expect(fax.documents).toEqual([expect.objectContaining({ source: 'content_url', fetchStatus: 200 })]);
    expect(phaxioDocumentBytes(fax)).toBe(E2E_PDF.length);
    const link = fax.documents[0]!.contentUrl!;
    expect(link.startsWith(`${t.config.publicApiUrl}/fax/${String(done['id'])}/pdf?token=`)).toBe(true);
    expect(t.logs()).toContain('fax.pdf_served');
    expect(t.logs()).not.toContain(link.split('token=')[1]);
  });

  it('refuses forged, altered and replayed callbacks and changes nothing; a genuine duplicate changes nothing', async () => {
    await start();
    const jobId = await sendPdf(t, sim.numbers.slow);
    const deadline = Date.now() + 10_000;
    while ((await job(jobId))['provider_sid'] === null && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    const providerSid = String((await job(jobId))['provider_sid']);
    const faxJson = JSON.stringify({ id: Number(providerSid), status: 'success', num_pages: 1, direction: 'sent' });
    const fields = [
      { name: 'event_type', value: 'fax_completed' },
      { name: 'success', value: 'true' },
      { name: 'fax', value: faxJson },
    ];
    const post = (path: string, signature: string | null, body = fields): request.Test => {
      const call = request(t.app).post(path);
      for (const field of body) call.field(field.name, field.value);
      return signature === null ? call : call.set('X-Phaxio-Signature', signature);
    };
    const statusUrl = `${t.config.publicApiUrl}/webhooks/phaxio/status`;
    const genuine = signPhaxioWebhook(sim.webhookToken, { url: statusUrl, fields, files: [] });
    expect((await post('/webhooks/phaxio/status', null)).status).toBe(401);
    expect((await post('/webhooks/phaxio/status', signPhaxioWebhook('not-the-token', { url: statusUrl, fields, files: [] }))).status).toBe(401);
    const altered = fields.map((field) => (field.name === 'fax' ? { ...field, value: faxJson.replace('"success"', '"failure"') } : field));
    expect((await post('/webhooks/phaxio/status', genuine, altered)).status).toBe(401);
    // Replayed to another URL than the one it was signed for: the URL is part of the signature.
    expect((await post('/phaxio-callback', genuine)).status).toBe(401);
    expect((await job(jobId))['status']).toBe('in_progress');
    // The genuine one finishes the job; delivered again, it changes nothing.
    expect((await post('/webhooks/phaxio/status', genuine)).status).toBe(200);
    expect((await job(jobId))['status']).toBe('SUCCESS');
    const before = await job(jobId);
    const lateFailure = fields.map((field) => (field.name === 'fax' ? { ...field, value: faxJson.replace('"success"', '"failure"') } : field));
    expect((await post('/webhooks/phaxio/status', signPhaxioWebhook(sim.webhookToken, { url: statusUrl, fields: lateFailure, files: [] }), lateFailure)).status).toBe(200);
    expect((await post('/webhooks/phaxio/status', genuine)).status).toBe(200);
    expect(await job(jobId)).toEqual(before);
  });

  it('keeps the original /phaxio-callback endpoint working with the original ?job_id= query', async () => {
    await start();
    const jobId = await sendPdf(t, sim.numbers.slow);
    const deadline = Date.now() + 10_000;
    while ((await job(jobId))['provider_sid'] === null && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    const providerSid = String((await job(jobId))['provider_sid']);
    const fields = [
      { name: 'event_type', value: 'fax_completed' },
      { name: 'fax', value: JSON.stringify({ id: Number(providerSid), status: 'failure', num_pages: 0, direction: 'sent', error_type: 'lineError', error_id: 17, error_message: 'Busy' }) },
    ];
    const url = `${t.config.publicApiUrl}/phaxio-callback?job_id=${jobId}`;
    const call = request(t.app).post(`/phaxio-callback?job_id=${jobId}`).set('X-Phaxio-Signature', signPhaxioWebhook(sim.webhookToken, { url, fields, files: [] }));
    for (const field of fields) call.field(field.name, field.value);
    expect((await call).status).toBe(200);
    expect(await job(jobId)).toMatchObject({ status: 'FAILED', error_code: 'LINE_BUSY' });
  });

  it('receives a fax through /phaxio-inbound and the webhook URL: listed once, routed, downloadable with a key and a token', async () => {
    await start();
    const did = '+15550009999';
    await routeToMailbox(t, did, 'intake');
    const inboundPdf = Buffer.concat([E2E_PDF, Buffer.from('\n% received\n')]);
    const first = await sim.deliverInbound({ url: `${t.config.publicApiUrl}/phaxio-inbound`, to: did, from: '+15557654321', pdf: inboundPdf, pages: 1 });
    expect(first.responseStatus).toBe(200);
    const listed = await waitForInbound(t, 1);
    expect(listed[0]).toMatchObject({ to: did, fr: '+15557654321', backend: 'phaxio', mailbox: 'intake', size_bytes: inboundPdf.length });
    // Phaxio retries the delivery: nothing new is stored.
    const db = t.gateway.container.get<Database>(API_TOKENS.Database);
    const again = await fetch(first.url, { method: 'POST', headers: first.headers, body: first.body });
    expect(again.status).toBe(200);
    expect((await db.inbound.list({ limit: 10 })).items).toHaveLength(1);
    const { withKey, withToken } = await downloadBothWays(t, String(listed[0]!['id']));
    expect(Buffer.compare(withKey, inboundPdf)).toBe(0);
    expect(Buffer.compare(withToken, inboundPdf)).toBe(0);
    // A forged delivery (signed with another token) is refused and stores nothing.
    const forged = await sim.deliverInbound({ url: `${t.config.publicApiUrl}/webhooks/phaxio/inbound`, to: did, pdf: E2E_PDF, signWith: 'forged-token' });
    expect(forged.responseStatus).toBe(401);
    expect((await db.inbound.list({ limit: 10 })).items).toHaveLength(1);
    for (const number of [did, '+15557654321']) expect(t.logs()).not.toContain(number.slice(1));
  });
});
