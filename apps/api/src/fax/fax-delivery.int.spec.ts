import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { TEST_DATABASES, sendTextFax, startTestGateway, waitForFinalStatus, type TestGateway } from '../testing/test-gateway.test-helpers';

// End to end through the queue worker and the loopback plugin (found as an npm package).
describe.each(TEST_DATABASES)('fax delivery through the loopback plugin on %s', (database) => {
  let t: TestGateway;

  beforeAll(async () => {
    t = await startTestGateway(database);
  });
  afterAll(async () => {
    await t.close();
  });

  function outboxRecords(): Array<Record<string, unknown>> {
    const outbox = join(t.dataDir, 'plugins', 'loopback', 'outbox');
    return readdirSync(outbox)
      .filter((name) => name.endsWith('.json'))
      .map((name) => JSON.parse(readFileSync(join(outbox, name), 'utf8')) as Record<string, unknown>);
  }

  it('is ready: database, storage, worker and the loopback plugin', async () => {
    const response = await request(t.app).get('/health/ready');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: 'ready', backend: 'loopback', checks: { db: true, backend_config: true, backend_health: 'ok', storage: true, worker: true } });
  });

  it('sends a fax to SUCCESS with a provider sid and pages', async () => {
    const sent = await sendTextFax(t.app, t.apiKey, '+15551234567');
    expect(sent.status).toBe(202);
    const final = await waitForFinalStatus(t.app, t.apiKey, sent.body.id);
    expect(final).toMatchObject({ status: 'SUCCESS', error: null, error_code: null, pages: 1 });
    expect(String(final['provider_sid'])).toMatch(/^lb_/);
    expect(outboxRecords().filter((record) => record['jobId'] === sent.body.id)).toHaveLength(1);
  });

  it('ends a permanent failure FAILED with an error_code and no retry', async () => {
    const sent = await sendTextFax(t.app, t.apiKey, '+15551230001');
    const final = await waitForFinalStatus(t.app, t.apiKey, sent.body.id);
    expect(final).toMatchObject({ status: 'FAILED', error_code: 'NUMBER_INVALID', provider_sid: null });
    expect(outboxRecords().filter((record) => record['jobId'] === sent.body.id)).toHaveLength(0);
  });

  it('retries a transient failure with backoff and then succeeds, sending once', async () => {
    const sent = await sendTextFax(t.app, t.apiKey, '+15551230002');
    const final = await waitForFinalStatus(t.app, t.apiKey, sent.body.id);
    expect(final).toMatchObject({ status: 'SUCCESS', error_code: null });
    expect(outboxRecords().filter((record) => record['jobId'] === sent.body.id)).toHaveLength(1);
  });

  it.each([
    ['+15551230004', 'NO_ANSWER'],
    ['+15551230005', 'LINE_BUSY'],
  ])('reports a failure on the line for %s as FAILED %s', async (to, code) => {
    const sent = await sendTextFax(t.app, t.apiKey, to);
    const final = await waitForFinalStatus(t.app, t.apiKey, sent.body.id);
    expect(final).toMatchObject({ status: 'FAILED', error_code: code });
    expect(final['provider_sid']).not.toBeNull();
  });

  it('gives up after FAX_MAX_ATTEMPTS transient failures', async () => {
    const strict = await startTestGateway(database, { FAX_MAX_ATTEMPTS: '2', LOOPBACK_TRANSIENT_FAILURES: '5' });
    try {
      const sent = await sendTextFax(strict.app, strict.apiKey, '+15551230002');
      const final = await waitForFinalStatus(strict.app, strict.apiKey, sent.body.id);
      expect(final).toMatchObject({ status: 'FAILED', error_code: 'PROVIDER_UNAVAILABLE' });
    } finally {
      await strict.close();
    }
  });

  it('lists the loopback plugin as running in GET /plugins', async () => {
    const response = await request(t.app).get('/plugins').set('X-API-Key', t.apiKey);
    expect(response.status).toBe(200);
    expect(response.body.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: 'loopback', package: '@faxbot/plugin-loopback', state: 'running', active_outbound: true })]),
    );
  });
});
