import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPluginSqlHost, openDatabase, type Database, type DatabaseOptions, type PluginSqlHost } from '@faxbot/db';
import { createTestDeps } from '@faxbot/plugin-sdk/testing';
import { createPostgresSchema, TEST_DATABASES } from '../../testing/test-gateway.test-helpers';
import { TIERS, binaryDocument, startIsolated } from '../isolation/isolation.test-helpers';
import { createPluginDb } from './plugin-db.factory';

// deps.db from a plugin in a worker thread and in a child process, against the host's real database.
const CASES = TIERS.flatMap((tier) => TEST_DATABASES.map((kind) => [tier, kind] as const));

describe.each(CASES)('deps.db from the %s tier on %s', (tier, kind) => {
  let dir: string;
  let database: Database;
  let sqlHost: PluginSqlHost;
  let dropSchema: (() => Promise<void>) | undefined;
  const instanceId = `iso-${tier}-${randomBytes(3).toString('hex')}`;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'faxbot-db-isolated-'));
    let options: DatabaseOptions = { sqlitePath: join(dir, 'faxbot.db') };
    if (kind === 'postgres') {
      const pg = await createPostgresSchema();
      options = { url: pg.url, postgresSchema: pg.schema };
      dropSchema = pg.drop;
    }
    database = await openDatabase(options);
    sqlHost = createPluginSqlHost({ database: options, sqliteDir: join(dir, 'plugin-databases'), passwordKey: randomBytes(32) });
  });

  afterAll(async () => {
    await sqlHost?.drop(instanceId);
    await sqlHost?.close();
    await database?.close();
    await dropSchema?.();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores documents, commits and rolls back transactions, and keeps error codes', async () => {
    const scoped = createPluginDb({ database, sqlHost, instanceId, logger: createTestDeps({ pluginId: 'echo' }).logger });
    const deps = { ...createTestDeps({ pluginId: 'echo' }), db: scoped.db };
    const { plugin } = await startIsolated(tier, join(__dirname, '__fixtures__', 'db-plugin.js'), { deps });
    try {
      const { document } = binaryDocument(16);
      const result = (await plugin.send({ jobId: 'job-1', to: '+15550000009', document, idempotencyKey: 'k1' })) as unknown as { echo: Record<string, unknown> };

      expect(result.echo).toEqual({
        dialect: kind,
        migrated: ['0001-receipts'],
        lastJob: { jobId: 'job-1' },
        receipts: ['job-1'],
        rolledBack: 'undo',
        coreTable: 'QUERY_INVALID',
        badKey: 'INVALID_KEY',
        nested: 'TRANSACTION_OPEN',
      });
      // The host sees the same data: the child wrote through the host's handle.
      await expect(scoped.db.documents.get('last-job')).resolves.toEqual({ jobId: 'job-1' });
    } finally {
      await plugin.stop();
      await scoped.close();
    }
  });
});
