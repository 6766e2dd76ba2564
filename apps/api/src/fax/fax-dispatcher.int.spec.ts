import { mkdtempSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { openDatabase } from '@faxbot/db';
import { join } from 'node:path';
import request from 'supertest';
import { sendTextFax, startTestGateway, waitForFinalStatus } from '../testing/test-gateway.test-helpers';

const RECORDING = join(__dirname, '..', 'plugins', '__fixtures__', 'recording-plugin');

describe('fax dispatcher error paths', () => {
  it('retries an attempt whose outcome is unknown under the same idempotency key', async () => {
    const t = await startTestGateway('sqlite', { FAXBOT_PLUGIN_PATH: RECORDING, FAXBOT_PLUGIN_DEV_MODE: 'true', FAX_BACKEND: 'recording' });
    try {
      const sent = await sendTextFax(t.app, t.apiKey, '+15551239001');
      const final = await waitForFinalStatus(t.app, t.apiKey, sent.body.id);
      expect(final).toMatchObject({ status: 'SUCCESS', pages: 2, provider_sid: `rec-${sent.body.id}` });
      const keys = readFileSync(join(t.dataDir, 'plugins', 'recording', 'keys.log'), 'utf8').trim().split('\n');
      expect(keys).toEqual([`${sent.body.id}-1`, `${sent.body.id}-1`]);
    } finally {
      await t.close();
    }
  });

  it('keeps a job queued while its plugin is not running, without failing it', async () => {
    const t = await startTestGateway('sqlite', { FAX_BACKEND: 'not-installed' });
    try {
      const sent = await sendTextFax(t.app, t.apiKey, '+15551234567');
      expect(sent.status).toBe(202);
      expect(sent.body.backend).toBe('not-installed');
      await new Promise((resolve) => setTimeout(resolve, 300));
      const job = await request(t.app).get(`/fax/${sent.body.id}`).set('X-API-Key', t.apiKey);
      expect(job.body).toMatchObject({ status: 'queued', error_code: null });
      const ready = await request(t.app).get('/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.body.warnings.join(' ')).toContain('not-installed');
    } finally {
      await t.close();
    }
  });
});

describe('crash-loop breaker', () => {
  it('fails a job whose task was claimed more than QUEUE_MAX_CLAIMS times without ending in order', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'faxbot-crashloop-'));
    try {
      const first = await startTestGateway('sqlite', { FAX_DATA_DIR: dataDir, FAX_DISABLED: 'true' });
      const sent = await sendTextFax(first.app, first.apiKey, '+15551234567');
      await first.close();
      // Three workers "die" holding the task: each claim lets its lease lapse.
      const db = await openDatabase({ sqlitePath: join(dataDir, 'faxbot.db') });
      for (let i = 0; i < 3; i += 1) {
        expect(await db.queue.claim('fax.send', { owner: `dead-${i}`, leaseMs: 1 })).not.toBeNull();
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      await db.close();

      const second = await startTestGateway('sqlite', { FAX_DATA_DIR: dataDir, QUEUE_MAX_CLAIMS: '2' });
      try {
        const final = await waitForFinalStatus(second.app, second.apiKey, sent.body.id);
        expect(final).toMatchObject({ status: 'FAILED', error_code: 'RETRIES_EXHAUSTED' });
      } finally {
        await second.close();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe('development mode', () => {
  it('with REQUIRE_API_KEY=false serves without a key and warns loudly', async () => {
    const t = await startTestGateway('sqlite', { REQUIRE_API_KEY: 'false', API_KEY: '' });
    try {
      const sent = await sendTextFax(t.app, '', '+15551234567');
      expect(sent.status).toBe(202);
      expect((await request(t.app).get(`/fax/${sent.body.id}`)).status).toBe(200);
      expect(t.logs()).toContain('authentication is OFF');
      const ready = await request(t.app).get('/health/ready');
      expect(ready.body.warnings.join(' ')).toContain('REQUIRE_API_KEY=false');
    } finally {
      await t.close();
    }
  });
});
