import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { startTestGateway, waitForFinalStatus, type TestGateway } from '../../testing/test-gateway.test-helpers';
import { writeAllowlist, writeTempPlugins } from '../../testing/temp-plugins.test-helpers';

const SECRET = `S3cr3t-${randomBytes(12).toString('hex')}`;
const secretive = {
  manifestVersion: 1,
  id: 'secretive',
  kind: 'backend',
  apiVersion: 1,
  entry: './index.js',
  categories: ['outbound'],
  configSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      apiKey: { type: 'string', writeOnly: true, description: 'provider key' },
      region: { type: 'string', default: 'us' },
      mode: { type: 'string', default: 'live', 'x-env': 'SECRETIVE_MODE' },
    },
  },
};

describe('plugin configuration through the admin API', () => {
  let t: TestGateway;
  let root: string;
  let configFile: string;

  beforeAll(async () => {
    const written = writeTempPlugins([{ name: 'faxbot-plugin-secretive', faxbot: secretive }]);
    root = written.root;
    configFile = join(root, 'faxbot.config.json');
    t = await startTestGateway('sqlite', {
      FAXBOT_PLUGIN_PATH: written.nodeModules,
      FAXBOT_ALLOWLIST_PATH: writeAllowlist(root, [{ name: 'faxbot-plugin-secretive', id: 'secretive' }]),
      FEATURE_V3_PLUGINS: 'true',
      FAXBOT_CONFIG_PATH: configFile,
      SECRETIVE_MODE: 'sandbox',
      // Let the store, not the environment, configure the loopback instances below.
      LOOPBACK_DELIVERY_DELAY_MS: '',
      LOOPBACK_SLOW_LINE_DELAY_MS: '',
    });
  });
  afterAll(async () => {
    await t.close();
    rmSync(root, { recursive: true, force: true });
  });

  const api = (): request.Agent => request.agent(t.app).set('X-API-Key', t.apiKey);

  it('takes secrets write-only: never in a response, a log line or the file in clear', async () => {
    const saved = await api().put('/plugins/secretive/config').send({ enabled: true, settings: { apiKey: SECRET, region: 'eu' } });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ instance_id: 'secretive', version: 1, settings: { region: 'eu', mode: 'sandbox' }, secrets: { apiKey: 'set' }, locked: ['mode'] });
    expect(saved.body.sources).toEqual({ apiKey: 'store', region: 'store', mode: 'env' });

    const bodies = await Promise.all(['/plugins', '/plugins/secretive', '/plugins/secretive/config', '/plugins/capabilities'].map((path) => api().get(path)));
    for (const body of bodies) expect(JSON.stringify(body.body)).not.toContain(SECRET);
    expect(t.logs()).not.toContain(SECRET);
    const file = readFileSync(configFile, 'utf8');
    expect(file).not.toContain(SECRET);
    expect(file).toContain('enc:v1:');
    expect((await api().get('/plugins/secretive')).body).toMatchObject({ state: 'running' });
  });

  it('keeps a secret the client leaves out, and clears it on null', async () => {
    const kept = await api().put('/plugins/secretive/config').send({ settings: { region: 'us' } });
    expect(kept.body).toMatchObject({ secrets: { apiKey: 'set' }, settings: { region: 'us' } });
    const cleared = await api().put('/plugins/secretive/config').send({ settings: { apiKey: null } });
    expect(cleared.body.secrets).toEqual({ apiKey: 'unset' });
    await api().put('/plugins/secretive/config').send({ settings: { apiKey: SECRET } });
  });

  it.each([
    [{ settings: { region: 'mars' } }, 400, 'region mars is not served'],
    [{ settings: { region: 7 } }, 400, 'config.region'],
    [{ settings: { mode: 'live' } }, 400, 'locked'],
    [{ settings: { colour: 'red' } }, 400, 'unknown field "colour"'],
    [{ expected_version: 1, settings: { region: 'eu' } }, 409, 'version mismatch'],
    [{ isolation: 'cloud' }, 400, 'isolation must be one of'],
    [{ surprise: true }, 400, 'Unknown field(s): surprise'],
    [{ plugin_id: 'loopback' }, 400, 'belongs to plugin secretive'],
  ])('refuses %j with %d', async (body, status, detail) => {
    const before = (await api().get('/plugins/secretive/config')).body.version;
    const response = await api().put('/plugins/secretive/config').send(body);
    expect(response.status).toBe(status);
    expect(response.body.detail).toContain(detail);
    expect((await api().get('/plugins/secretive/config')).body.version).toBe(before);
  });

  it('tests a configuration without saving it ("Save & test")', async () => {
    expect((await api().post('/plugins/secretive/test').send({})).body).toEqual({ ok: true, errors: [], health: { status: 'ok', detail: null } });
    const bad = await api().post('/plugins/secretive/test').send({ settings: { region: 'mars' } });
    expect(bad.body).toMatchObject({ ok: false, errors: ['region mars is not served'] });
    expect((await api().post('/plugins/nothing-here/test').send({})).status).toBe(404);
  });

  it('disables and enables an instance', async () => {
    expect((await api().post('/plugins/secretive/disable')).status).toBe(200);
    expect((await api().get('/plugins/secretive')).body.instances[0]).toMatchObject({ state: 'stopped', enabled: false });
    expect((await api().post('/plugins/secretive/enable')).status).toBe(200);
    expect((await api().get('/plugins/secretive')).body.instances[0]).toMatchObject({ state: 'running', enabled: true });
  });

  it('restarts only the edited instance; the other instance of the same plugin keeps its job in flight', async () => {
    for (const id of ['loopback-a', 'loopback-b']) {
      const response = await api().put(`/plugins/${id}/config`).send({ plugin_id: 'loopback', settings: { deliveryDelayMs: 50, slowLineDelayMs: 1500 } });
      expect(response.status).toBe(200);
    }
    const startedAt = async (id: string): Promise<string> => (await api().get(`/plugins/${id}`)).body.started_at as string;
    const bBefore = await startedAt('loopback-b');
    const aBefore = await startedAt('loopback-a');

    const sent = await api().post('/fax').field('to', '+15551230003').field('backend', 'loopback-b').attach('file', Buffer.from('slow line\n'), 'a.txt');
    expect(sent.status).toBe(202);
    for (let i = 0; i < 100 && (await api().get('/plugins/loopback-b')).body.calls_in_flight !== 1; i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await api().get('/plugins/loopback-b')).body.calls_in_flight).toBe(1);

    const edited = await api().put('/plugins/loopback-a/config').send({ settings: { deliveryDelayMs: 60 } });
    expect(edited.status).toBe(200);
    expect(await startedAt('loopback-a')).not.toBe(aBefore);
    expect(await startedAt('loopback-b')).toBe(bBefore);
    expect((await api().get('/plugins/loopback-b')).body.calls_in_flight).toBe(1);

    expect(await waitForFinalStatus(t.app, t.apiKey, sent.body.id)).toMatchObject({ status: 'SUCCESS', backend: 'loopback-b' });
    expect(await startedAt('loopback-b')).toBe(bBefore);
  });
});

describe('plugin configuration with FEATURE_V3_PLUGINS off', () => {
  it('shows the env-derived configuration read-only and refuses writes', async () => {
    const t = await startTestGateway('sqlite');
    try {
      const view = await request(t.app).get('/plugins/loopback/config').set('X-API-Key', t.apiKey);
      expect(view.body).toMatchObject({ instance_id: 'loopback', version: null, settings: { deliveryDelayMs: 40 }, locked: expect.arrayContaining(['deliveryDelayMs']) });
      const write = await request(t.app).put('/plugins/loopback/config').set('X-API-Key', t.apiKey).send({ settings: {} });
      expect(write.status).toBe(404);
      expect(write.body).toEqual({ detail: 'v3 plugins feature disabled' });
      expect((await request(t.app).post('/plugins/loopback/disable').set('X-API-Key', t.apiKey)).status).toBe(404);
    } finally {
      await t.close();
    }
  });
});
