import request from 'supertest';
import { sendTextFax, startTestGateway, waitForFinalStatus, type TestGateway } from '../testing/test-gateway.test-helpers';
import { writeAllowlist, writeTempPlugins } from '../testing/temp-plugins.test-helpers';

/** The value of one sample line `name{labels} value`, 0 when the series does not exist yet. */
function sample(text: string, name: string, labels: Record<string, string>): number {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    if (Object.entries(labels).every(([key, value]) => line.includes(`${key}="${value}"`))) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return 0;
}

// A plugin that uses deps.cache and deps.metrics on every send, to prove both reach it in each tier.
const COUNTER_JS = `
exports.createPlugin = () => {
  let deps;
  return {
    validateConfig: async () => ({ ok: true }),
    start: async (config, d) => { deps = d; },
    stop: async () => undefined,
    send: async ({ jobId }) => {
      const sends = await deps.cache.incr('sends');
      await deps.cache.set('last', { jobId });
      deps.metrics.increment('sends', { outcome: 'ok' });
      const stop = deps.metrics.timer('send');
      stop();
      return { providerSid: 'c-' + sends + '-' + (await deps.cache.get('last')).jobId, status: 'SUCCESS', pages: 1 };
    },
    getStatus: async () => ({ status: 'SUCCESS' }),
  };
};
`;

describe('GET /metrics and the plugins\' cache and metrics', () => {
  jest.setTimeout(60_000);
  let t: TestGateway;
  let root: string;

  beforeAll(async () => {
    const written = writeTempPlugins([{ name: 'faxbot-plugin-counter', faxbot: { manifestVersion: 1, id: 'counter', kind: 'backend', apiVersion: 1, entry: './index.js', categories: ['outbound'], capabilities: ['send'] }, files: { 'index.js': COUNTER_JS } }]);
    root = written.root;
    t = await startTestGateway('sqlite', {
      FAXBOT_PLUGIN_PATH: written.nodeModules,
      FAXBOT_ALLOWLIST_PATH: writeAllowlist(root, [{ name: 'faxbot-plugin-counter', id: 'counter' }]),
      FEATURE_V3_PLUGINS: 'true',
      FAXBOT_CONFIG_PATH: `${root}/faxbot.config.json`,
    });
    for (const [instanceId, isolation] of [['counter', 'in-process'], ['counter-iso', 'worker']]) {
      expect((await request(t.app).put(`/plugins/${instanceId}/config`).set('X-API-Key', t.apiKey).send({ plugin_id: 'counter', isolation, settings: {} })).status).toBe(200);
    }
  });

  afterAll(async () => {
    await (t as TestGateway | undefined)?.close();
  });

  const scrape = async (): Promise<string> => {
    const response = await request(t.app).get('/metrics').set('X-API-Key', t.apiKey);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toContain('text/plain');
    return response.text;
  };

  it('needs admin:metrics:read', async () => {
    expect((await request(t.app).get('/metrics')).status).toBe(401);
    const key = await request(t.app).post('/admin/api-keys').set('X-API-Key', t.apiKey).send({ name: 'reader', scopes: ['fax:read'] });
    expect((await request(t.app).get('/metrics').set('X-API-Key', String(key.body.token))).status).toBe(403);
  });

  it('shows job transitions, job counts and requests moving after a fax is sent', async () => {
    const before = await scrape();
    const sent = await sendTextFax(t.app, t.apiKey, '+15551230000');
    expect(await waitForFinalStatus(t.app, t.apiKey, String(sent.body.id))).toMatchObject({ status: 'SUCCESS' });
    const after = await scrape();
    expect(sample(after, 'faxbot_fax_job_transitions_total', { to: 'SUCCESS', instance: 'loopback' })).toBe(sample(before, 'faxbot_fax_job_transitions_total', { to: 'SUCCESS', instance: 'loopback' }) + 1);
    expect(sample(after, 'faxbot_fax_jobs', { status: 'SUCCESS' })).toBeGreaterThanOrEqual(1);
    expect(sample(after, 'faxbot_http_requests_total', { method: 'POST', route: '/fax' })).toBeGreaterThanOrEqual(1);
    expect(after).toContain('faxbot_instance_state{');
    // Routes are counted by template: no job id ever appears in a label.
    expect(after).not.toContain(String(sent.body.id));
  });

  it.each(['counter', 'counter-iso'])('gives the %s instance its own cache and metrics', async (instanceId) => {
    const first = await request(t.app).post('/fax').set('X-API-Key', t.apiKey).field('to', '+15551230000').field('backend', instanceId).attach('file', Buffer.from('one\n'), 'a.txt');
    const second = await request(t.app).post('/fax').set('X-API-Key', t.apiKey).field('to', '+15551230000').field('backend', instanceId).attach('file', Buffer.from('two\n'), 'b.txt');
    const firstJob = await waitForFinalStatus(t.app, t.apiKey, String(first.body.id));
    const secondJob = await waitForFinalStatus(t.app, t.apiKey, String(second.body.id));
    // Each instance counts in its own namespace: the counters start at 1 for each.
    expect(firstJob['provider_sid']).toBe(`c-1-${String(first.body.id)}`);
    expect(secondJob['provider_sid']).toBe(`c-2-${String(second.body.id)}`);
    const deadline = Date.now() + 5_000;
    let text = await scrape();
    while (sample(text, 'faxbot_plugin_counter_sends_total', { instance: instanceId }) < 2 && Date.now() < deadline) text = await scrape();
    expect(sample(text, 'faxbot_plugin_counter_sends_total', { instance: instanceId, outcome: 'ok' })).toBe(2);
    expect(sample(text, 'faxbot_plugin_counter_send_seconds_count', { instance: instanceId })).toBe(2);
  });
});
