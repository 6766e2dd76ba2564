import { join } from 'node:path';
import { existsSync, rmSync } from 'node:fs';
import request from 'supertest';
import { startTestGateway, sendTextFax, waitForFinalStatus, type TestGateway } from '../testing/test-gateway.test-helpers';
import { DEGRADED_PLUGIN_JS, HANGING_PLUGIN_JS, THROWING_PLUGIN_JS, writeAllowlist, writeTempPlugins } from '../testing/temp-plugins.test-helpers';

// Importing this entry leaves a marker file: proof that the host ran the package's code.
const TRIPWIRE_JS = `require('node:fs').writeFileSync(__dirname + '/IMPORTED', 'x');\nexports.createPlugin = () => { throw new Error('imported'); };\n`;

const outbound = (id: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  manifestVersion: 1,
  id,
  kind: 'backend',
  apiVersion: 1,
  entry: './index.js',
  categories: ['outbound'],
  capabilities: ['send'],
  ...extra,
});

// One temporary plugin folder proves every state a package or instance can be in.
describe('plugin states', () => {
  let t: TestGateway;
  let root: string;

  beforeAll(async () => {
    const written = writeTempPlugins([
      { name: 'faxbot-plugin-good', faxbot: outbound('good') },
      { name: 'faxbot-plugin-broken', files: { 'index.js': TRIPWIRE_JS }, faxbot: { ...outbound('broken'), entyr: 'x' } },
      { name: 'faxbot-plugin-future', files: { 'index.js': TRIPWIRE_JS }, faxbot: outbound('future', { apiVersion: 99 }) },
      { name: 'faxbot-plugin-old-sdk', files: { 'index.js': TRIPWIRE_JS }, faxbot: outbound('old-sdk'), peerDependencies: { '@faxbot/plugin-sdk': '^9.0.0' } },
      { name: 'faxbot-plugin-ancient', files: { 'index.js': TRIPWIRE_JS }, faxbot: outbound('ancient', { requirements: { node: '>=99' } }) },
      { name: 'faxbot-plugin-stranger', files: { 'index.js': TRIPWIRE_JS }, faxbot: outbound('stranger') },
      { name: '@acme/faxbot-throwing', faxbot: outbound('throwing'), files: { 'index.js': THROWING_PLUGIN_JS } },
      { name: 'faxbot-plugin-hanging', faxbot: outbound('hanging'), files: { 'index.js': HANGING_PLUGIN_JS } },
      { name: 'faxbot-plugin-wobbly', faxbot: outbound('wobbly'), files: { 'index.js': DEGRADED_PLUGIN_JS } },
    ]);
    root = written.root;
    const allowlist = writeAllowlist(root, [
      { name: 'faxbot-plugin-good', id: 'good' },
      { name: 'faxbot-plugin-broken', id: 'broken' },
      { name: 'faxbot-plugin-future', id: 'future' },
      { name: 'faxbot-plugin-old-sdk', id: 'old-sdk' },
      { name: 'faxbot-plugin-ancient', id: 'ancient' },
      { name: '@acme/faxbot-throwing', id: 'throwing' },
      { name: 'faxbot-plugin-hanging', id: 'hanging' },
      { name: 'faxbot-plugin-wobbly', id: 'wobbly' },
    ]);
    t = await startTestGateway('sqlite', {
      FAXBOT_PLUGIN_PATH: written.nodeModules,
      FAXBOT_ALLOWLIST_PATH: allowlist,
      FEATURE_V3_PLUGINS: 'true',
      FAXBOT_CONFIG_PATH: join(root, 'faxbot.config.json'),
      PLUGIN_START_TIMEOUT_MS: '300',
      PLUGIN_HEALTH_INTERVAL_MS: '50',
    });
  });
  afterAll(async () => {
    await t.close();
    rmSync(root, { recursive: true, force: true });
  });

  const plugin = async (id: string): Promise<Record<string, unknown>> =>
    (await request(t.app).get(`/plugins/${id}`).set('X-API-Key', t.apiKey)).body as Record<string, unknown>;

  it.each([
    ['broken', 'invalid', 'unknown field "entyr"'],
    ['future', 'incompatible', 'apiVersion 99 is not supported'],
    ['old-sdk', 'incompatible', 'needs @faxbot/plugin-sdk@^9.0.0'],
    ['ancient', 'incompatible', 'requirements.node >=99 is not met'],
    ['stranger', 'blocked', 'faxbot-plugin-stranger@1.0.0 is not in the allowlist'],
    ['good', 'discovered', null],
  ])('%s is %s', async (id, state, reason) => {
    const body = await plugin(id);
    expect(body['state']).toBe(state);
    if (reason === null) expect(body['reason']).toBeNull();
    else expect(String(body['reason'])).toContain(reason);
  });

  it('runs a good plugin once configured, and keeps running when another fails to start', async () => {
    const good = await request(t.app).put('/plugins/good/config').set('X-API-Key', t.apiKey).send({ enabled: true, settings: {} });
    expect(good.status).toBe(200);
    const throwing = await request(t.app).put('/plugins/throwing/config').set('X-API-Key', t.apiKey).send({ enabled: true, settings: {} });
    expect(throwing.status).toBe(200);

    expect(await plugin('good')).toMatchObject({ state: 'running', reason: null });
    expect(await plugin('throwing')).toMatchObject({ state: 'failed', reason: 'provider login refused' });

    const sent = await request(t.app).post('/fax').set('X-API-Key', t.apiKey).field('to', '+15551234567').field('backend', 'good').attach('file', Buffer.from('hi\n'), 'a.txt');
    expect(sent.status).toBe(202);
    expect(await waitForFinalStatus(t.app, t.apiKey, sent.body.id)).toMatchObject({ status: 'SUCCESS', backend: 'good' });
    expect((await sendTextFax(t.app, t.apiKey, '+15551234567')).status).toBe(202);
  });

  it('fails a plugin whose start() hangs, after the start timeout', async () => {
    const response = await request(t.app).put('/plugins/hanging/config').set('X-API-Key', t.apiKey).send({ settings: {} });
    expect(response.status).toBe(200);
    expect(await plugin('hanging')).toMatchObject({ state: 'failed', reason: 'start timed out after 300 ms' });
    expect((await request(t.app).get('/health')).status).toBe(200);
  });

  it('marks a plugin degraded when its health says so, and still sends through it', async () => {
    await request(t.app).put('/plugins/wobbly/config').set('X-API-Key', t.apiKey).send({ settings: {} });
    for (let i = 0; i < 50 && (await plugin('wobbly'))['state'] !== 'degraded'; i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await plugin('wobbly')).toMatchObject({ state: 'degraded', reason: 'health degraded: provider slow' });
    const sent = await request(t.app).post('/fax').set('X-API-Key', t.apiKey).field('to', '+15551234567').field('backend', 'wobbly').attach('file', Buffer.from('hi\n'), 'a.txt');
    expect(await waitForFinalStatus(t.app, t.apiKey, sent.body.id)).toMatchObject({ status: 'SUCCESS' });
  });

  it('never imports blocked, incompatible or invalid packages, and refuses to configure them', async () => {
    for (const id of ['stranger', 'future', 'old-sdk']) {
      const response = await request(t.app).put(`/plugins/${id}/config`).set('X-API-Key', t.apiKey).send({ settings: {} });
      expect(response.status).toBe(409);
      expect(response.body.detail).toContain(`Plugin ${id} is`);
    }
    for (const name of ['faxbot-plugin-broken', 'faxbot-plugin-future', 'faxbot-plugin-old-sdk', 'faxbot-plugin-ancient', 'faxbot-plugin-stranger']) {
      expect(existsSync(join(root, 'node_modules', name, 'IMPORTED'))).toBe(false);
    }
  });

  it('lists capabilities of running instances only', async () => {
    const response = await request(t.app).get('/plugins/capabilities').set('X-API-Key', t.apiKey);
    expect(response.status).toBe(200);
    const ids = response.body.items.map((item: { instance_id: string }) => item.instance_id);
    expect(ids).toEqual(expect.arrayContaining(['good', 'loopback']));
    expect(ids).not.toContain('throwing');
    expect(response.body.items.find((item: { instance_id: string }) => item.instance_id === 'good')).toMatchObject({ categories: ['outbound'], capabilities: ['send'] });
  });

  it('refuses a fax for an unknown backend instance with 400', async () => {
    const response = await request(t.app).post('/fax').set('X-API-Key', t.apiKey).field('to', '+15551234567').field('backend', 'nobody').attach('file', Buffer.from('hi\n'), 'a.txt');
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ detail: 'Unknown backend instance: nobody' });
  });
});
