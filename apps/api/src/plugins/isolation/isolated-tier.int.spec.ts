import { join } from 'node:path';
import { rmSync } from 'node:fs';
import request from 'supertest';
import { startTestGateway, waitForFinalStatus, type TestGateway } from '../../testing/test-gateway.test-helpers';
import { CRASH_LOOP_PLUGIN_JS, GOOD_PLUGIN_JS, writeAllowlist, writeTempPlugins } from '../../testing/temp-plugins.test-helpers';

const outbound = (id: string): Record<string, unknown> => ({ manifestVersion: 1, id, kind: 'backend', apiVersion: 1, entry: './index.js', categories: ['outbound'] });

// The isolation tier as the operator uses it: chosen per instance through the admin API.
describe.each(['worker', 'process'])('isolated tier %s in the gateway', (tier) => {
  let t: TestGateway;
  let root: string;

  beforeAll(async () => {
    const written = writeTempPlugins([
      { name: 'faxbot-plugin-steady', faxbot: outbound('steady'), files: { 'index.js': GOOD_PLUGIN_JS } },
      { name: 'faxbot-plugin-crashy', faxbot: outbound('crashy'), files: { 'index.js': CRASH_LOOP_PLUGIN_JS } },
    ]);
    root = written.root;
    t = await startTestGateway('sqlite', {
      FAXBOT_PLUGIN_PATH: written.nodeModules,
      FAXBOT_ALLOWLIST_PATH: writeAllowlist(root, [
        { name: 'faxbot-plugin-steady', id: 'steady' },
        { name: 'faxbot-plugin-crashy', id: 'crashy' },
      ]),
      FEATURE_V3_PLUGINS: 'true',
      FAXBOT_CONFIG_PATH: join(root, 'faxbot.config.json'),
      PLUGIN_MAX_CRASHES: '3',
      PLUGIN_RESTART_BACKOFF_MS: '20',
    });
  });
  afterAll(async () => {
    await t.close();
    rmSync(root, { recursive: true, force: true });
  });

  const api = (): request.Agent => request.agent(t.app).set('X-API-Key', t.apiKey);

  it('sends through a plugin running isolated', async () => {
    expect((await api().put('/plugins/steady/config').send({ isolation: tier, settings: {} })).status).toBe(200);
    expect((await api().get('/plugins/steady')).body.instances[0]).toMatchObject({ state: 'running', isolation: tier });
    const sent = await api().post('/fax').field('to', '+15551234567').field('backend', 'steady').attach('file', Buffer.from('hi\n'), 'a.txt');
    expect(await waitForFinalStatus(t.app, t.apiKey, sent.body.id)).toMatchObject({ status: 'SUCCESS', provider_sid: `good-${sent.body.id}` });
  });

  it('contains a crash-looping plugin: the API keeps answering and the plugin is failed after N crashes', async () => {
    expect((await api().put('/plugins/crashy/config').send({ isolation: tier, settings: {} })).status).toBe(200);
    let state = '';
    for (let i = 0; i < 200 && state !== 'failed'; i += 1) {
      expect((await request(t.app).get('/health')).status).toBe(200);
      state = (await api().get('/plugins/crashy')).body.state as string;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const crashy = (await api().get('/plugins/crashy')).body;
    expect(crashy).toMatchObject({ state: 'failed' });
    expect(crashy.reason).toContain('after 3 crashes');
    // Nothing is lost: a job for the failed plugin waits instead of failing.
    const sent = await api().post('/fax').field('to', '+15551234567').field('backend', 'crashy').attach('file', Buffer.from('hi\n'), 'a.txt');
    expect(sent.status).toBe(202);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await api().get(`/fax/${sent.body.id}`)).body).toMatchObject({ status: 'queued', error_code: null });
    expect((await api().get('/plugins/steady')).body.state).toBe('running');
  });
});
