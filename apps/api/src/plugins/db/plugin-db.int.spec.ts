import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPluginSqlHost, openDatabase, type Database, type DatabaseOptions, type PluginSqlHost } from '@faxbot/db';
import { PluginDbError, type PluginDb, type PluginLogger } from '@faxbot/plugin-sdk';
import { createPostgresSchema, TEST_DATABASES } from '../../testing/test-gateway.test-helpers';
import { createPluginDb, type ScopedPluginDb } from './plugin-db.factory';
import { pluginDbRelay } from './plugin-db.relay';
import { createRemotePluginDb } from './remote-plugin-db';

const PHONE = '+15551234567';

interface LogLine {
  level: string;
  message: string;
  fields?: Record<string, unknown>;
}

function recordingLogger(lines: LogLine[]): PluginLogger {
  const record = (level: string) => (message: string, fields?: Record<string, unknown>) => void lines.push(fields === undefined ? { level, message } : { level, message, fields });
  return { debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') };
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!PluginDbError.is(error)) throw new Error(`expected a PluginDbError, got ${String(error)}`);
  return error.code;
}

const MIGRATIONS = [{ id: '0001-receipts', sql: ['CREATE TABLE receipts (job_id TEXT PRIMARY KEY, pages INTEGER NOT NULL)'] }];

describe.each(TEST_DATABASES)('deps.db on %s', (kind) => {
  let dir: string;
  let options: DatabaseOptions;
  let dropSchema: (() => Promise<void>) | undefined;
  let database: Database;
  let sqlHost: PluginSqlHost;
  let a: ScopedPluginDb;
  let b: ScopedPluginDb;
  const lines: LogLine[] = [];
  const instanceA = `pa-${randomBytes(3).toString('hex')}`;
  const instanceB = `pb-${randomBytes(3).toString('hex')}`;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'faxbot-deps-db-'));
    if (kind === 'postgres') {
      const pg = await createPostgresSchema();
      options = { url: pg.url, postgresSchema: pg.schema };
      dropSchema = pg.drop;
    } else {
      options = { sqlitePath: join(dir, 'faxbot.db') };
    }
    database = await openDatabase(options);
    sqlHost = createPluginSqlHost({ database: options, sqliteDir: join(dir, 'plugin-databases'), passwordKey: randomBytes(32) });
    a = createPluginDb({ database, sqlHost, instanceId: instanceA, logger: recordingLogger(lines) });
    b = createPluginDb({ database, sqlHost, instanceId: instanceB, logger: recordingLogger(lines) });
    await a.db.sql.migrate(MIGRATIONS);
    await b.db.sql.migrate(MIGRATIONS);
  });

  afterAll(async () => {
    await a?.close();
    await b?.close();
    await sqlHost?.drop(instanceA);
    await sqlHost?.drop(instanceB);
    await sqlHost?.close();
    await database?.close();
    await dropSchema?.();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('documents', () => {
    it('keeps each instance’s keys to itself', async () => {
      await a.db.documents.put('account:settings', { region: 'eu', retries: 3 });

      await expect(a.db.documents.get('account:settings')).resolves.toEqual({ region: 'eu', retries: 3 });
      await expect(b.db.documents.get('account:settings')).resolves.toBeUndefined();
      await expect(b.db.documents.list()).resolves.toEqual({ items: [], nextCursor: null });
      await expect(b.db.documents.delete('account:settings')).resolves.toBe(false);
      await expect(a.db.documents.get('account:settings')).resolves.toEqual({ region: 'eu', retries: 3 });
    });

    it('replaces, deletes and pages by prefix in byte order', async () => {
      for (const key of ['job:b', 'job:A', 'job:_', 'job:a', 'other']) await a.db.documents.put(key, { key });
      await a.db.documents.put('job:a', { key: 'job:a', replaced: true });

      const first = await a.db.documents.list({ prefix: 'job:', limit: 3 });
      const second = await a.db.documents.list({ prefix: 'job:', limit: 3, cursor: first.nextCursor! });

      expect(first.items.map((item) => item.key)).toEqual(['job:A', 'job:_', 'job:a']);
      expect(first.items[2]).toMatchObject({ value: { key: 'job:a', replaced: true }, updatedAt: expect.any(Date) });
      expect(second).toMatchObject({ items: [{ key: 'job:b' }], nextCursor: null });
      await expect(a.db.documents.delete('job:b')).resolves.toBe(true);
      await expect(a.db.documents.get('job:b')).resolves.toBeUndefined();
    });

    it.each([
      ['a key outside the alphabet', (db: PluginDb) => db.documents.put("x'; DROP TABLE plugin_documents; --", 1), 'INVALID_KEY'],
      ['an empty key', (db: PluginDb) => db.documents.get(''), 'INVALID_KEY'],
      ['a value that is not plain JSON', (db: PluginDb) => db.documents.put('k', { at: new Date() }), 'INVALID_VALUE'],
      ['undefined', (db: PluginDb) => db.documents.put('k', undefined), 'INVALID_VALUE'],
      ['a value over 256 KiB', (db: PluginDb) => db.documents.put('k', 'x'.repeat(256 * 1024)), 'TOO_LARGE'],
      ['a limit over 500', (db: PluginDb) => db.documents.list({ limit: 501 }), 'INVALID_ARGUMENT'],
    ])('refuses %s', async (_name, call, code) => {
      await expect(codeOf(call(a.db))).resolves.toBe(code);
    });
  });

  describe('sql', () => {
    it('reports its dialect and reaches neither the gateway’s tables nor the document store table', async () => {
      expect(a.db.sql.dialect).toBe(kind);
      await a.db.documents.put('secret', { kept: 'here' });

      await expect(codeOf(a.db.sql.query('SELECT * FROM plugin_documents'))).resolves.toBe('QUERY_INVALID');
      await expect(codeOf(a.db.sql.query('SELECT * FROM fax_jobs'))).resolves.toBe('QUERY_INVALID');
      if (kind === 'postgres') await expect(codeOf(a.db.sql.query(`SELECT * FROM "${options.postgresSchema!}".plugin_documents`))).resolves.toBe('QUERY_REFUSED');
      else await expect(codeOf(a.db.sql.query('ATTACH DATABASE $1 AS core', [options.sqlitePath!]))).resolves.toBe('QUERY_REFUSED');
    });

    it('keeps each instance’s tables to itself', async () => {
      await b.db.sql.query('INSERT INTO receipts (job_id, pages) VALUES ($1, $2)', ['job-b', 2]);

      await expect(a.db.sql.query('SELECT * FROM receipts')).resolves.toEqual({ rows: [], rowCount: 0 });
    });

    it('rolls back on a throw and refuses deps.db.sql.query inside the transaction', async () => {
      const failure = new Error('changed its mind');
      await expect(
        a.db.sql.transaction(async (tx) => {
          await tx.query('INSERT INTO receipts (job_id, pages) VALUES ($1, $2)', ['job-rolled-back', 1]);
          await expect(codeOf(a.db.sql.query('SELECT 1'))).resolves.toBe('TRANSACTION_OPEN');
          throw failure;
        }),
      ).rejects.toBe(failure);

      await expect(a.db.sql.query('SELECT job_id FROM receipts WHERE job_id = $1', ['job-rolled-back'])).resolves.toMatchObject({ rowCount: 0 });
    });

    it('applies migrations once', async () => {
      await expect(a.db.sql.migrate(MIGRATIONS)).resolves.toEqual({ applied: [] });
      await expect(codeOf(a.db.sql.migrate([{ id: '0001-receipts', sql: ['CREATE TABLE other (id TEXT)'] }]))).resolves.toBe('MIGRATION_CHANGED');
      await expect(codeOf(a.db.sql.migrate([{ id: 'bad id!', sql: ['SELECT 1'] }]))).resolves.toBe('INVALID_ARGUMENT');
    });

    it('refuses parameters that are not SQL values, naming only their position', async () => {
      const error = await a.db.sql.query('SELECT $1', [{ phone: PHONE } as never]).catch((caught: unknown) => caught);

      expect(error).toMatchObject({ code: 'INVALID_ARGUMENT' });
      expect((error as Error).message).not.toContain('5551234567');
    });
  });

  describe('through the isolation relay', () => {
    let remote: PluginDb;

    beforeAll(async () => {
      const relay = pluginDbRelay(a.db);
      // The child's view of deps.db, with the relay called directly instead of over a channel.
      remote = await createRemotePluginDb((method, ...args) => (relay as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[method]!(...args));
    });

    it('keeps error codes and the dialect', async () => {
      expect(remote.sql.dialect).toBe(kind);
      await expect(codeOf(remote.documents.put('a key', 1))).resolves.toBe('INVALID_KEY');
      await expect(codeOf(remote.sql.query('SELECT * FROM fax_jobs'))).resolves.toBe('QUERY_INVALID');
    });

    it('commits a transaction whose callback resolves and rolls back one that throws', async () => {
      await remote.sql.transaction(async (tx) => {
        await tx.query('INSERT INTO receipts (job_id, pages) VALUES ($1, $2)', ['remote-kept', 1]);
      });
      await expect(
        remote.sql.transaction(async (tx) => {
          await tx.query('INSERT INTO receipts (job_id, pages) VALUES ($1, $2)', ['remote-dropped', 1]);
          await expect(codeOf(remote.sql.query('SELECT 1'))).resolves.toBe('TRANSACTION_OPEN');
          throw new Error('no');
        }),
      ).rejects.toThrow('no');

      const { rows } = await a.db.sql.query<{ job_id: string }>("SELECT job_id FROM receipts WHERE job_id LIKE 'remote-%' ORDER BY job_id");
      expect(rows).toEqual([{ job_id: 'remote-kept' }]);
    });

    it('rolls back what a child left open when it ends', async () => {
      const relay = pluginDbRelay(a.db);
      const begun = (await relay.txBegin()) as { ok: true; value: string };
      await relay.txQuery(begun.value, 'INSERT INTO receipts (job_id, pages) VALUES ($1, $2)', ['orphan', 1]);

      await relay.rollbackAll();

      await expect(a.db.sql.query('SELECT job_id FROM receipts WHERE job_id = $1', ['orphan'])).resolves.toMatchObject({ rowCount: 0 });
      await expect(relay.txCommit(begun.value)).resolves.toMatchObject({ ok: false, code: 'TRANSACTION_CLOSED' });
    });
  });

  it('logs no parameter or document values', async () => {
    await a.db.documents.put('contact', { fax: PHONE });
    await a.db.sql.query('INSERT INTO receipts (job_id, pages) VALUES ($1, $2)', [PHONE, 1]);
    await a.db.sql.query('INSERT INTO receipts (job_id, pages) VALUES ($1, $2)', [PHONE, 1]).catch(() => undefined);

    expect(JSON.stringify(lines)).not.toContain('5551234567');
  });
});

describe('deps.db without a SQL host', () => {
  it('keeps the document store working, answers UNAVAILABLE for SQL and warns once without values', async () => {
    const database = await openDatabase({ sqlitePath: ':memory:' });
    const lines: LogLine[] = [];
    const scoped = createPluginDb({ database, sqlHost: undefined, instanceId: 'lonely', logger: recordingLogger(lines) });
    try {
      await scoped.db.documents.put('k', { fax: PHONE });

      await expect(scoped.db.documents.get('k')).resolves.toEqual({ fax: PHONE });
      await expect(codeOf(scoped.db.sql.query('SELECT $1', [PHONE]))).resolves.toBe('UNAVAILABLE');
      await expect(codeOf(scoped.db.sql.query('SELECT $1', [PHONE]))).resolves.toBe('UNAVAILABLE');
      expect(lines).toEqual([{ level: 'warn', message: 'deps.db.sql is unavailable', fields: { code: 'UNAVAILABLE', reason: expect.any(String) } }]);
      expect(JSON.stringify(lines)).not.toContain('5551234567');
    } finally {
      await scoped.close();
      await database.close();
    }
  });
});
