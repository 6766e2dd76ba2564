import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import request from 'supertest';
import { openDatabase } from '@faxbot/db';
import { startPhaxioSimulator, type PhaxioSimulator } from '@faxbot/provider-simulators';
import { finalJob, sendPdf } from '../providers/provider-e2e.test-helpers';
import { TEST_DATABASES, createPostgresSchema, startTestGateway } from '../testing/test-gateway.test-helpers';
import { MASKED_SECRET, migrateConfigCommand } from './migrate-config.command';

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

// The original deployment: FAX_BACKEND=phaxio with the original PHAXIO_* variables. Migrated into
// the config store (secrets sealed), run from the store alone, rolled back, and the flag turned
// off again — a fax goes through the Phaxio simulator at every step.
describe.each(TEST_DATABASES)('migrate-config round trip from the original Phaxio variables (%s)', (database) => {
  jest.setTimeout(120_000);
  let sim: PhaxioSimulator;

  beforeAll(async () => {
    sim = await startPhaxioSimulator({ queuedMs: 30, inProgressMs: 80 });
  });

  afterAll(async () => {
    await sim.close();
  });

  it('dry-run masks secrets, apply seals them, the store alone sends, rollback and the flag restore the env path', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'faxbot-migrate-phaxio-'));
    const pg = database === 'postgres' ? await createPostgresSchema() : null;
    const shared = { FAX_DATA_DIR: dataDir, FAX_BACKEND: 'phaxio', ...(pg ? { DATABASE_URL: pg.url, DATABASE_SCHEMA: pg.schema } : {}) };
    const phaxioEnv = { PHAXIO_API_KEY: sim.apiKey, PHAXIO_API_SECRET: sim.apiSecret, PHAXIO_WEBHOOK_TOKEN: sim.webhookToken, PHAXIO_BASE_URL: sim.url };
    const noPhaxioEnv = { PHAXIO_API_KEY: '', PHAXIO_API_SECRET: '', PHAXIO_WEBHOOK_TOKEN: '', PHAXIO_BASE_URL: '' };
    const legacyEnv = { ...shared, ...phaxioEnv };

    const sendThrough = async (env: Record<string, string>): Promise<Record<string, unknown>> => {
      const t = await startTestGateway('sqlite', env, { listen: true });
      try {
        expect(await finalJob(t, await sendPdf(t, sim.numbers.delivered))).toMatchObject({ status: 'SUCCESS', backend: 'phaxio' });
        const config = (await request(t.app).get('/plugins/phaxio/config').set('X-API-Key', t.apiKey)).body as Record<string, unknown>;
        expect(JSON.stringify(config)).not.toContain(sim.apiSecret);
        expect(t.logs()).not.toContain(sim.apiSecret);
        return config;
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
    const storedSettings = async (): Promise<string> => {
      const db = await openDatabase(pg ? { url: pg.url, postgresSchema: pg.schema } : { sqlitePath: join(dataDir, 'faxbot.db') });
      try {
        return (await db.pluginConfigs.find('phaxio'))?.settingsJson ?? '';
      } finally {
        await db.close();
      }
    };

    try {
      // 1. The original path: FEATURE_V3_PLUGINS off, everything from PHAXIO_* variables.
      expect(await sendThrough(legacyEnv)).toMatchObject({ version: null, sources: { apiKey: 'env', baseUrl: 'env' } });

      // 2. The dry run prints what it would write, secrets masked, and writes nothing.
      const dry = await run('--dry-run', legacyEnv);
      expect(dry.code).toBe(0);
      const plan = JSON.parse(dry.out) as { settings: Record<string, unknown>; fromEnvironment: Record<string, string> };
      expect(plan.settings).toMatchObject({ apiKey: MASKED_SECRET, apiSecret: MASKED_SECRET, webhookToken: MASKED_SECRET, baseUrl: sim.url });
      expect(plan.fromEnvironment).toMatchObject({ apiKey: 'PHAXIO_API_KEY', webhookToken: 'PHAXIO_WEBHOOK_TOKEN' });
      expect(dry.out).not.toContain(sim.apiSecret);
      expect(await storedSettings()).toBe('');

      // 3. Apply: the store holds the settings, the secrets sealed; the store alone sends.
      const applied = await run('--apply', legacyEnv);
      expect(applied.code).toBe(0);
      expect(applied.out + applied.err).not.toContain(sim.apiSecret);
      const sealed = await storedSettings();
      expect(sealed).toContain('enc:v1:');
      for (const secret of [sim.apiKey, sim.apiSecret, sim.webhookToken]) expect(sealed).not.toContain(secret);
      const fromStore = await sendThrough({ ...shared, ...noPhaxioEnv, FEATURE_V3_PLUGINS: 'true' });
      expect(fromStore).toMatchObject({ version: 1, locked: [], sources: { apiKey: 'store', baseUrl: 'store' } });

      // 4. Roll back: the store forgets; with the variables back, the env path sends again.
      expect((await run('--rollback', legacyEnv)).code).toBe(0);
      expect(await sendThrough({ ...legacyEnv, FEATURE_V3_PLUGINS: 'true' })).toMatchObject({ version: null, sources: { apiKey: 'env' } });

      // 5. Flag off again: the original path, nothing lost.
      expect(await sendThrough(legacyEnv)).toMatchObject({ version: null, sources: { apiKey: 'env' } });
    } finally {
      await pg?.drop();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
