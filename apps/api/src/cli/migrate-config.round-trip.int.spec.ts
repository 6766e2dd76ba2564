import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import request from 'supertest';
import { FAST_ENV, TEST_DATABASES, createPostgresSchema, sendTextFax, startTestGateway, waitForFinalStatus } from '../testing/test-gateway.test-helpers';
import { migrateConfigCommand } from './migrate-config.command';

function sink(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  return {
    stream: new Writable({
      write(chunk, _encoding, done) {
        chunks.push(String(chunk));
        done();
      },
    }),
    text: () => chunks.join(''),
  };
}

// The original env path, migrated into the config store and rolled back: sending works at every step.
describe.each(TEST_DATABASES)('migrate-config round trip on %s', (database) => {
  jest.setTimeout(60_000);

  it('dry-run, apply, rollback, and FEATURE_V3_PLUGINS back off, with faxes sent at each step', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'faxbot-migrate-'));
    const pg = database === 'postgres' ? await createPostgresSchema() : null;
    const shared = { FAX_DATA_DIR: dataDir, ...(pg ? { DATABASE_URL: pg.url, DATABASE_SCHEMA: pg.schema } : {}) };
    const legacyEnv = { ...FAST_ENV, ...shared, LOOPBACK_DELIVERY_DELAY_MS: '30', LOOPBACK_TRANSIENT_FAILURES: '1' };
    // After migration the plugin variables are gone from the environment: the store must carry them.
    const withoutPluginEnv = { ...shared, LOOPBACK_DELIVERY_DELAY_MS: '', LOOPBACK_SLOW_LINE_DELAY_MS: '', LOOPBACK_TRANSIENT_FAILURES: '' };

    const sendThrough = async (env: Record<string, string>): Promise<Record<string, unknown>> => {
      const t = await startTestGateway(database === 'postgres' ? 'sqlite' : 'sqlite', env);
      try {
        const sent = await sendTextFax(t.app, t.apiKey, '+15551230002');
        expect(sent.status).toBe(202);
        expect(await waitForFinalStatus(t.app, t.apiKey, sent.body.id)).toMatchObject({ status: 'SUCCESS' });
        return (await request(t.app).get('/plugins/loopback/config').set('X-API-Key', t.apiKey)).body as Record<string, unknown>;
      } finally {
        await t.close();
      }
    };
    const run = async (flag: string, env: Record<string, string>): Promise<{ code: number; out: string; err: string }> => {
      const out = sink();
      const err = sink();
      const code = await migrateConfigCommand([flag], env, { stdout: out.stream, stderr: err.stream });
      return { code, out: out.text(), err: err.text() };
    };

    try {
      // 1. The original path: env only.
      expect(await sendThrough(legacyEnv)).toMatchObject({ version: null, settings: { deliveryDelayMs: 30 } });

      // 2. Dry run shows what would be written and writes nothing.
      const dry = await run('--dry-run', legacyEnv);
      expect(dry.code).toBe(0);
      expect(dry.out).toContain('"deliveryDelayMs": 30');

      // 3. Apply, then run on the store alone.
      expect((await run('--apply', legacyEnv)).code).toBe(0);
      const migrated = await sendThrough({ ...withoutPluginEnv, FEATURE_V3_PLUGINS: 'true' });
      expect(migrated).toMatchObject({ version: 1, settings: { deliveryDelayMs: 30, transientFailures: 1 }, sources: { deliveryDelayMs: 'store' }, locked: [] });

      // 4. Roll back: the store forgets, the plugin falls back to its defaults and still sends.
      expect((await run('--rollback', legacyEnv)).code).toBe(0);
      const rolledBack = await sendThrough({ ...withoutPluginEnv, FEATURE_V3_PLUGINS: 'true', LOOPBACK_DELIVERY_DELAY_MS: '30' });
      expect(rolledBack).toMatchObject({ version: null, sources: { deliveryDelayMs: 'env' } });

      // 5. Flag off again: the original env path, nothing lost.
      expect(await sendThrough(legacyEnv)).toMatchObject({ version: null, settings: { deliveryDelayMs: 30 } });
    } finally {
      await pg?.drop();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
