import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { EventBus } from '../events/event-bus';
import { startTestGateway, type TestGateway } from '../testing/test-gateway.test-helpers';
import { writeAllowlist, writeTempPlugins } from '../testing/temp-plugins.test-helpers';

// An outbound plugin with a webhook: it records exactly what it received in its data folder,
// answers 202 with its own body and header, and turns a JSON body's `updates` into status updates.
// It also proves deps.events and deps.webhooks from inside a plugin.
const HOOKY_JS = `
const fs = require('node:fs');
const path = require('node:path');
exports.createPlugin = () => {
  let deps;
  const file = (name) => path.join(deps.dataDir, name);
  return {
    validateConfig: async () => ({ ok: true }),
    start: async (config, d) => {
      deps = d;
      fs.writeFileSync(file('webhook-url.txt'), deps.webhooks.url('status'));
      deps.events.on('job.completed', (event) => fs.appendFileSync(file('completed.log'), event.payload.jobId + '\\n'));
      deps.events.on('job.created', () => { throw new Error('hooky handler broke'); });
    },
    stop: async () => undefined,
    send: async ({ jobId }) => ({ providerSid: 'hk-' + jobId, status: 'in_progress' }),
    getStatus: async () => ({ status: 'in_progress' }),
    handleWebhook: async (request) => {
      if (request.path === 'boom') throw new Error('signature check exploded for +15551234567');
      fs.writeFileSync(file('last-body.bin'), request.rawBody);
      fs.writeFileSync(file('last-request.json'), JSON.stringify({ method: request.method, path: request.path, url: request.url, headers: request.headers, query: request.query, isBuffer: Buffer.isBuffer(request.rawBody) }));
      deps.events.emit('hooky.webhook_received', { subPath: request.path, bytes: request.rawBody.length });
      const updates = request.headers['content-type'] === 'application/json' ? JSON.parse(request.rawBody.toString('utf8')).updates || [] : [];
      return { response: { status: 202, headers: { 'x-hooky': 'yes' }, body: { received: request.rawBody.length } }, updates };
    },
  };
};
`;

const manifest = {
  manifestVersion: 1,
  id: 'hooky',
  kind: 'backend',
  apiVersion: 1,
  entry: './index.js',
  categories: ['outbound'],
  capabilities: ['send', 'webhook'],
  webhooks: [{ path: 'status', methods: ['POST'], description: 'delivery reports' }],
};

const MAX_BODY = 64 * 1024;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function eventually<T>(probe: () => T | Promise<T>, ok: (value: T) => boolean, timeoutMs = 8_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met in time (last: ${JSON.stringify(value)})`);
    await sleep(25);
  }
}

describe('provider webhooks', () => {
  // Starting four instances (one in a worker thread) takes a while on a loaded machine.
  jest.setTimeout(60_000);
  let t: TestGateway;
  let root: string;

  beforeAll(async () => {
    const written = writeTempPlugins([{ name: 'faxbot-plugin-hooky', faxbot: manifest, files: { 'index.js': HOOKY_JS } }]);
    root = written.root;
    t = await startTestGateway('sqlite', {
      FAXBOT_PLUGIN_PATH: written.nodeModules,
      FAXBOT_ALLOWLIST_PATH: writeAllowlist(root, [{ name: 'faxbot-plugin-hooky', id: 'hooky' }]),
      FEATURE_V3_PLUGINS: 'true',
      FAXBOT_CONFIG_PATH: join(root, 'faxbot.config.json'),
      PUBLIC_API_URL: 'https://fax.example.com/base/',
      WEBHOOK_MAX_BODY_BYTES: String(MAX_BODY),
      WEBHOOK_RATE_LIMIT_PER_MINUTE: '40',
    });
    for (const [instanceId, isolation] of [['hooky', 'in-process'], ['hooky-iso', 'worker'], ['hooky-flood', 'in-process'], ['hooky-off', 'in-process']]) {
      const saved = await request(t.app).put(`/plugins/${instanceId}/config`).set('X-API-Key', t.apiKey).send({ plugin_id: 'hooky', isolation, settings: {} });
      expect(saved.status).toBe(200);
    }
    expect((await request(t.app).post('/plugins/hooky-off/disable').set('X-API-Key', t.apiKey)).status).toBe(200);
  });

  afterAll(async () => {
    // Undefined only when beforeAll itself failed.
    await (t as TestGateway | undefined)?.close();
    rmSync(root, { recursive: true, force: true });
  });

  const dataFile = (instanceId: string, name: string): string => join(t.dataDir, 'plugins', instanceId, name);
  const deliveries = (): Array<Record<string, unknown>> =>
    t
      .logs()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => line['event'] === 'webhook.delivery');

  it.each(['hooky', 'hooky-iso'])('hands %s the exact raw bytes, headers, path and public URL, and sends back its own answer', async (instanceId) => {
    const bytes = randomBytes(48 * 1024);
    const response = await request(t.app)
      .post(`/webhooks/${instanceId}/status/extra?sig=abc&x=1`)
      .set('Content-Type', 'application/octet-stream')
      .set('X-Provider-Signature', 'sig-value-7f3a')
      .send(bytes);
    expect(response.status).toBe(202);
    expect(response.headers['x-hooky']).toBe('yes');
    expect(response.body).toEqual({ received: bytes.length });

    expect(readFileSync(dataFile(instanceId, 'last-body.bin')).equals(bytes)).toBe(true);
    const seen = JSON.parse(readFileSync(dataFile(instanceId, 'last-request.json'), 'utf8')) as Record<string, Record<string, unknown>>;
    expect(seen).toMatchObject({
      method: 'POST',
      path: 'status/extra',
      url: `https://fax.example.com/base/webhooks/${instanceId}/status/extra?sig=abc&x=1`,
      query: { sig: 'abc', x: '1' },
      isBuffer: true,
    });
    expect(seen['headers']).toMatchObject({ 'x-provider-signature': 'sig-value-7f3a', 'content-type': 'application/octet-stream' });

    // The plugin's own event reached the gateway's bus, from the worker thread too.
    const own = await eventually(
      () => t.gateway.container.get(EventBus).since(0).filter((event) => event.type === 'hooky.webhook_received' && event.source === instanceId),
      (found) => found.length > 0,
    );
    expect(own[0]?.payload).toEqual({ subPath: 'status/extra', bytes: bytes.length });
  });

  it('gives each instance its public webhook URL in deps.webhooks', () => {
    expect(readFileSync(dataFile('hooky', 'webhook-url.txt'), 'utf8')).toBe('https://fax.example.com/base/webhooks/hooky/status');
    expect(readFileSync(dataFile('hooky-iso', 'webhook-url.txt'), 'utf8')).toBe('https://fax.example.com/base/webhooks/hooky-iso/status');
  });

  it('accepts GET and PUT callbacks too, and refuses other methods with 405', async () => {
    expect((await request(t.app).get('/webhooks/hooky?challenge=1')).status).toBe(202);
    expect(JSON.parse(readFileSync(dataFile('hooky', 'last-request.json'), 'utf8'))).toMatchObject({ method: 'GET', path: '', query: { challenge: '1' } });
    expect((await request(t.app).put('/webhooks/hooky/status').send('x')).status).toBe(202);
    const refused = await request(t.app).delete('/webhooks/hooky');
    expect(refused.status).toBe(405);
    expect(refused.headers['allow']).toBe('GET, POST, PUT');
  });

  it.each([
    ['an unknown instance', '/webhooks/nobody', 404, 'Unknown webhook'],
    ['an instance without handleWebhook', '/webhooks/loopback/status', 404, 'Unknown webhook'],
    ['a disabled instance', '/webhooks/hooky-off', 503, 'Webhook receiver is not running'],
  ])('answers %s (%s) with %i', async (_case, path, status, detail) => {
    const response = await request(t.app).post(path).send({ a: 1 });
    expect(response.status).toBe(status);
    expect(response.body).toEqual({ detail });
  });

  it('refuses a body over WEBHOOK_MAX_BODY_BYTES with 413 and never calls the plugin', async () => {
    const before = readFileSync(dataFile('hooky', 'last-body.bin'));
    const response = await request(t.app).post('/webhooks/hooky').set('Content-Type', 'application/octet-stream').send(randomBytes(MAX_BODY + 1));
    expect(response.status).toBe(413);
    expect(response.body).toEqual({ detail: `Webhook body exceeds ${MAX_BODY} bytes` });
    expect(readFileSync(dataFile('hooky', 'last-body.bin')).equals(before)).toBe(true);
  });

  it('answers 500 when the plugin throws, and logs the error scrubbed', async () => {
    const response = await request(t.app).post('/webhooks/hooky/boom').send('x');
    expect(response.status).toBe(500);
    expect(response.body).toEqual({ detail: 'Webhook handling failed' });
    expect(t.logs()).toContain('signature check exploded');
    expect(t.logs()).not.toContain('5551234567');
  });

  it('limits deliveries per instance with 429 and Retry-After, leaving other instances alone', async () => {
    // A minute's allowance (40) passes at once; the bucket then refills at 40 a minute, so a 429
    // follows within the next requests however slow the machine is.
    const statuses: number[] = [];
    let retryAfter: string | undefined;
    while (retryAfter === undefined && statuses.length < 100) {
      const response = await request(t.app).post('/webhooks/hooky-flood').send('x');
      statuses.push(response.status);
      if (response.status === 429) retryAfter = response.headers['retry-after'];
    }
    expect(statuses.slice(0, 40).every((status) => status === 202)).toBe(true);
    expect(statuses).toContain(429);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    expect((await request(t.app).post('/webhooks/hooky').send('x')).status).toBe(202);
  });

  it.each(['hooky', 'hooky-iso'])('applies status updates from %s forward only: SUCCESS sticks, a late in_progress changes nothing', async (instanceId) => {
    const sent = await request(t.app).post('/fax').set('X-API-Key', t.apiKey).field('to', '+15551234567').field('backend', instanceId).attach('file', Buffer.from('hi\n'), 'a.txt');
    expect(sent.status).toBe(202);
    const jobId = String(sent.body.id);
    const job = (): Promise<Record<string, unknown>> => request(t.app).get(`/fax/${jobId}`).set('X-API-Key', t.apiKey).then((response) => response.body as Record<string, unknown>);
    // The worker marks the job in_progress before the send; the provider's id comes with the answer.
    await eventually(job, (body) => body['status'] === 'in_progress' && body['provider_sid'] !== null);

    const report = (status: string, pages?: number): request.Test =>
      request(t.app)
        .post(`/webhooks/${instanceId}/status`)
        .set('Content-Type', 'application/json')
        .send(JSON.stringify({ updates: [{ providerSid: `hk-${jobId}`, status, ...(pages === undefined ? {} : { pages }) }, { providerSid: 'hk-unknown', status: 'FAILED' }, { nonsense: true }] }));
    expect((await report('SUCCESS', 2)).status).toBe(202);
    expect(await job()).toMatchObject({ status: 'SUCCESS', pages: 2, error_code: null, provider_sid: `hk-${jobId}` });
    expect((await report('in_progress', 9)).status).toBe(202);
    expect((await report('FAILED')).status).toBe(202);
    expect(await job()).toMatchObject({ status: 'SUCCESS', pages: 2 });

    // The plugin heard job.completed through deps.events (in the child too, for the isolated instance).
    await eventually(() => (existsSync(dataFile(instanceId, 'completed.log')) ? readFileSync(dataFile(instanceId, 'completed.log'), 'utf8') : ''), (text) => text.includes(jobId));
  });

  it('attributes a failing event handler to its plugin instance', async () => {
    await eventually(() => t.logs(), (logs) => logs.includes('event handler failed'));
    const failure = t
      .logs()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .find((line) => line['msg'] === 'event handler failed' && line['instance'] === 'hooky');
    expect(failure).toMatchObject({ plugin: 'hooky', subscriber: 'plugin:hooky', eventType: 'job.created', reason: 'hooky handler broke' });
    // In a worker the handler fails in the child, is logged through the instance's logger, and the child lives on.
    const isolated = await eventually(
      () => t.logs().trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>).find((line) => line['msg'] === 'event handler failed' && line['instance'] === 'hooky-iso'),
      (line) => line !== undefined,
    );
    expect(isolated).toMatchObject({ plugin: 'hooky', eventType: 'job.created', reason: 'hooky handler broke' });
    expect((await request(t.app).get('/plugins/hooky-iso').set('X-API-Key', t.apiKey)).body).toMatchObject({ state: 'running' });
  });

  it('writes one audit line per delivery, without headers or body content', async () => {
    const marker = `BODY-MARKER-${randomBytes(6).toString('hex')}`;
    const response = await request(t.app).post('/webhooks/hooky/status').set('Content-Type', 'text/plain').set('X-Provider-Signature', 'sig-secret-9c1d').send(marker);
    expect(response.status).toBe(202);
    const audit = deliveries().filter((line) => line['instanceId'] === 'hooky' && line['bytes'] === marker.length);
    expect(audit).toEqual([expect.objectContaining({ level: 'info', event: 'webhook.delivery', method: 'POST', path: 'status', status: 202, updates: 0, ms: expect.any(Number) })]);
    expect(deliveries()).toEqual(expect.arrayContaining([expect.objectContaining({ instanceId: 'nobody', status: 404 }), expect.objectContaining({ instanceId: 'hooky', status: 413, bytes: 0 })]));
    expect(t.logs()).not.toContain(marker);
    expect(t.logs()).not.toContain('sig-secret-9c1d');
    expect(t.logs()).not.toContain('sig-value-7f3a');
  });

  it('lists every running webhook URL in GET /admin/webhooks', async () => {
    const response = await request(t.app).get('/admin/webhooks').set('X-API-Key', t.apiKey);
    expect(response.status).toBe(200);
    const items = response.body.items as Array<Record<string, unknown>>;
    expect(items.map((item) => item['instance_id']).sort()).toEqual(['hooky', 'hooky-flood', 'hooky-iso']);
    expect(items.find((item) => item['instance_id'] === 'hooky-iso')).toEqual({
      instance_id: 'hooky-iso',
      plugin_id: 'hooky',
      state: 'running',
      url: 'https://fax.example.com/base/webhooks/hooky-iso',
      declared: [{ path: 'status', methods: ['POST'], description: 'delivery reports', url: 'https://fax.example.com/base/webhooks/hooky-iso/status' }],
    });
    expect((await request(t.app).get('/admin/webhooks')).status).toBe(401);
  });
});
