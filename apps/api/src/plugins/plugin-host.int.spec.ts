import { join } from 'node:path';
import request from 'supertest';
import { sendTextFax, startTestGateway, waitForFinalStatus } from '../testing/test-gateway.test-helpers';

const FIXTURES = join(__dirname, '__fixtures__', 'plugin-folder');

describe('plugin host', () => {
  it('lists a broken manifest as invalid with its reason and still serves, sending through loopback', async () => {
    const t = await startTestGateway('sqlite', { FAXBOT_PLUGIN_PATH: FIXTURES, FAXBOT_PLUGIN_DEV_MODE: 'true' });
    try {
      const response = await request(t.app).get('/plugins').set('X-API-Key', t.apiKey);
      const broken = response.body.items.find((item: { id: string }) => item.id === 'broken');
      expect(broken).toMatchObject({ state: 'invalid', package: 'faxbot-plugin-broken', enabled: false });
      expect(broken.reason).toContain('unknown field "entyr"');
      expect((await request(t.app).get('/health')).status).toBe(200);
      // The plugin folder comes first, so its impostor "loopback" wins; our real loopback is a duplicate.
      const sent = await sendTextFax(t.app, t.apiKey, '+15551234567');
      expect(sent.status).toBe(202);
    } finally {
      await t.close();
    }
  });

  it('marks a plugin whose start() rejects as failed, reports not ready, and keeps the job queued', async () => {
    const t = await startTestGateway('sqlite', { FAXBOT_PLUGIN_PATH: FIXTURES, FAXBOT_PLUGIN_DEV_MODE: 'true', FAX_BACKEND: 'throwing' });
    try {
      const plugin = await request(t.app).get('/plugins/throwing').set('X-API-Key', t.apiKey);
      expect(plugin.body).toMatchObject({ state: 'failed', reason: 'cannot reach the provider', active_outbound: true });
      const ready = await request(t.app).get('/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.body.checks.backend_config).toBe(false);
      const sent = await sendTextFax(t.app, t.apiKey, '+15551234567');
      expect(sent.status).toBe(202);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect((await request(t.app).get(`/fax/${sent.body.id}`).set('X-API-Key', t.apiKey)).body.status).toBe('queued');
    } finally {
      await t.close();
    }
  });

  it('answers 404 for an unknown plugin id and 401 without a key', async () => {
    const t = await startTestGateway('sqlite');
    try {
      expect((await request(t.app).get('/plugins/nope').set('X-API-Key', t.apiKey)).status).toBe(404);
      expect((await request(t.app).get('/plugins')).status).toBe(401);
      const sent = await sendTextFax(t.app, t.apiKey, '+15551234567');
      expect((await waitForFinalStatus(t.app, t.apiKey, sent.body.id)).status).toBe('SUCCESS');
    } finally {
      await t.close();
    }
  });
});
