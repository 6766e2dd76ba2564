import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { PluginDbError, planMigrations, type PluginDbErrorCode } from '@faxbot/plugin-sdk';
import { TEST_DATABASE_KINDS, useTestDatabase } from '../testing/test-database.test-helpers';
import { createPluginSqlHost } from './create-plugin-sql-host';
import type { PluginSqlEngine, PluginSqlHost } from './plugin-sql-engine';

async function codeOf(promise: Promise<unknown>): Promise<{ code: PluginDbErrorCode; sqlState: string | undefined }> {
  try {
    await promise;
  } catch (error) {
    if (PluginDbError.is(error)) return { code: error.code, sqlState: error.sqlState };
    throw error;
  }
  throw new Error('expected a PluginDbError');
}

const NOTES = planMigrations([{ id: '0001-notes', sql: ['CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)'] }], 'sqlite');

describe.each(TEST_DATABASE_KINDS)('plugin SQL areas on %s', (kind) => {
  const core = useTestDatabase(kind);
  let sqliteDir: string;
  let host: PluginSqlHost;
  let a: PluginSqlEngine;
  let b: PluginSqlEngine;
  const instanceA = `a-${randomBytes(3).toString('hex')}`;
  const instanceB = `b-${randomBytes(3).toString('hex')}`;
  const coreSchema = (): string => core.target.options.postgresSchema ?? 'public';

  beforeAll(async () => {
    sqliteDir = mkdtempSync(join(tmpdir(), 'faxbot-plugin-sql-'));
    host = createPluginSqlHost({ database: core.target.options, sqliteDir, passwordKey: randomBytes(32) });
    a = await host.open(instanceA);
    b = await host.open(instanceB);
    await a.migrate(NOTES);
    await b.migrate(NOTES);
    await b.query('INSERT INTO notes (id, body) VALUES ($1, $2)', [1, 'b-secret']);
  });

  afterAll(async () => {
    await host?.drop(instanceA);
    await host?.drop(instanceB);
    await host?.close();
    rmSync(sqliteDir, { recursive: true, force: true });
  });

  it('runs parameterised statements on the instance’s own tables', async () => {
    await a.query('INSERT INTO notes (id, body) VALUES ($1, $2)', [1, 'a-note']);

    await expect(a.query('SELECT body FROM notes WHERE id = $1', [1])).resolves.toEqual({ rows: [{ body: 'a-note' }], rowCount: 1 });
    await expect(b.query('SELECT body FROM notes', [])).resolves.toEqual({ rows: [{ body: 'b-secret' }], rowCount: 1 });
  });

  it('treats a value as data, never as SQL', async () => {
    await a.query('INSERT INTO notes (id, body) VALUES ($1, $2)', [2, "x'); DROP TABLE notes; --"]);

    await expect(a.query('SELECT count(*) AS n FROM notes', [])).resolves.toMatchObject({ rowCount: 1 });
    await a.query('DELETE FROM notes WHERE id = $1', [2]);
  });

  it('cannot read the gateway’s tables', async () => {
    const plain = await codeOf(a.query('SELECT * FROM fax_jobs', []));
    const qualified = await codeOf(a.query(kind === 'postgres' ? `SELECT * FROM "${coreSchema()}".fax_jobs` : 'SELECT * FROM main.fax_jobs', []));

    expect(plain.code).toBe('QUERY_INVALID'); // the table does not exist for the plugin
    // On PostgreSQL the table exists and the role is refused: the name was right, the right is missing.
    expect(qualified).toEqual(kind === 'postgres' ? { code: 'QUERY_REFUSED', sqlState: '42501' } : { code: 'QUERY_INVALID', sqlState: 'SQLITE_ERROR' });
  });

  if (kind === 'postgres') {
    it.each([
      ['SET ROLE', 'SET ROLE postgres'],
      ['SET SESSION AUTHORIZATION', 'SET SESSION AUTHORIZATION postgres'],
      ['SET LOCAL ROLE', 'SET LOCAL ROLE postgres'],
    ])('refuses %s to a stronger role', async (_name, sql) => {
      await expect(codeOf(a.query(sql, []))).resolves.toEqual({ code: 'QUERY_REFUSED', sqlState: '42501' });
    });

    it('gains nothing from RESET ROLE: the session logged in as the plugin role', async () => {
      await expect(a.transaction(async (query) => {
        await query('RESET ROLE', []);
        await query('RESET SESSION AUTHORIZATION', []);
        return query(`SELECT * FROM "${coreSchema()}".fax_jobs`, []);
      })).rejects.toMatchObject({ code: 'QUERY_REFUSED' });
      const { rows } = await a.query('SELECT current_user AS who, session_user AS login', []);
      expect(rows[0]!['who']).toBe(rows[0]!['login']);
      expect(String(rows[0]!['who'])).toMatch(/^fxp_a_/);
    });

    it('cannot read or write another plugin’s schema', async () => {
      const { rows } = await b.query('SELECT current_schema() AS schema', []);
      const schemaB = String(rows[0]!['schema']);

      await expect(codeOf(a.query(`SELECT * FROM "${schemaB}".notes`, []))).resolves.toEqual({ code: 'QUERY_REFUSED', sqlState: '42501' });
      await expect(codeOf(a.query(`CREATE TABLE "${schemaB}".planted (x int)`, []))).resolves.toEqual({ code: 'QUERY_REFUSED', sqlState: '42501' });
      await expect(codeOf(a.query(`CREATE TABLE "${coreSchema()}".planted (x int)`, []))).resolves.toEqual({ code: 'QUERY_REFUSED', sqlState: '42501' });
    });

    it('does not accept several statements in one call', async () => {
      await expect(codeOf(a.query('SELECT 1; SELECT 2', []))).resolves.toMatchObject({ code: 'QUERY_INVALID' });
    });
  } else {
    it.each([
      ['the gateway database', (): string => core.target.options.sqlitePath!],
      ['another plugin', (): string => join(sqliteDir, `${instanceB}.sqlite`)],
    ])('refuses to ATTACH %s', async (_name, path) => {
      await expect(codeOf(a.query('ATTACH DATABASE $1 AS other', [path()]))).resolves.toMatchObject({ code: 'QUERY_REFUSED' });
      await expect(codeOf(a.query(`ATTACH DATABASE '${path().replace(/'/g, "''")}' AS other`, []))).resolves.toMatchObject({ code: 'QUERY_REFUSED' });
      await expect(codeOf(a.query('SELECT * FROM other.notes', []))).resolves.toMatchObject({ code: 'QUERY_INVALID' });
    });

    it.each([
      ['VACUUM INTO', `VACUUM INTO '${join(tmpdir(), `faxbot-copy-${randomBytes(4).toString('hex')}.db`)}'`],
      ['BEGIN', 'BEGIN'],
      ['COMMIT', 'COMMIT'],
      ['DETACH', 'DETACH DATABASE main'],
    ])('refuses %s', async (_name, sql) => {
      await expect(codeOf(a.query(sql, []))).resolves.toMatchObject({ code: expect.stringMatching(/^QUERY_(REFUSED|INVALID)$/) });
    });

    it('does not accept several statements in one call', async () => {
      await expect(codeOf(a.query('SELECT 1; SELECT 2', []))).resolves.toMatchObject({ code: 'QUERY_INVALID' });
    });
  }

  it('rolls a transaction back when its callback throws', async () => {
    const failure = new Error('plugin changed its mind');

    await expect(a.transaction(async (query) => {
      await query('INSERT INTO notes (id, body) VALUES ($1, $2)', [10, 'temporary']);
      throw failure;
    })).rejects.toBe(failure);

    await expect(a.query('SELECT id FROM notes WHERE id = $1', [10])).resolves.toEqual({ rows: [], rowCount: 0 });
  });

  it('commits a transaction whose callback resolves, and refuses its query afterwards', async () => {
    let leaked: ((sql: string, params: []) => Promise<unknown>) | undefined;
    await a.transaction(async (query) => {
      leaked = query;
      await query('INSERT INTO notes (id, body) VALUES ($1, $2)', [11, 'kept']);
    });

    await expect(a.query('SELECT body FROM notes WHERE id = $1', [11])).resolves.toMatchObject({ rowCount: 1 });
    await expect(codeOf(leaked!('SELECT 1', []))).resolves.toMatchObject({ code: 'TRANSACTION_CLOSED' });
  });

  it('maps constraint failures and keeps values out of the message', async () => {
    const error = await a.query('INSERT INTO notes (id, body) VALUES ($1, $2)', [1, '+15551234567']).catch((caught: unknown) => caught);

    expect(error).toMatchObject({ code: 'CONSTRAINT_VIOLATION' });
    expect((error as Error).message).not.toContain('5551234567');
  });

  it('keeps bound values out of type errors', async () => {
    const error = await a.query('SELECT * FROM notes WHERE id = $1', ['+15551234567']).then(() => null, (caught: unknown) => caught);

    // SQLite compares loosely and finds nothing; PostgreSQL refuses the text for an integer column.
    if (kind === 'postgres') expect(error).toMatchObject({ code: 'QUERY_INVALID' });
    expect(String((error as Error | null)?.message ?? '')).not.toContain('5551234567');
  });

  it('applies each migration once and records it', async () => {
    const plan = planMigrations(
      [
        { id: '0001-notes', sql: ['CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)'] },
        { id: '0002-tags', sql: { sqlite: ['CREATE TABLE tags (name TEXT PRIMARY KEY)'], postgres: ['CREATE TABLE tags (name text PRIMARY KEY)'] } },
      ],
      kind,
    );

    await expect(a.migrate(plan)).resolves.toEqual(['0002-tags']);
    await expect(a.migrate(plan)).resolves.toEqual([]);
    const { rows } = await a.query('SELECT id FROM faxbot_migrations ORDER BY id', []);
    expect(rows).toEqual([{ id: '0001-notes' }, { id: '0002-tags' }]);
  });

  it('refuses a changed migration and rolls a failing one back entirely', async () => {
    const changed = planMigrations([{ id: '0001-notes', sql: ['CREATE TABLE notes2 (id INTEGER)'] }], kind);
    const failing = planMigrations([{ id: '0003-broken', sql: ['CREATE TABLE half (id INTEGER)', 'CREATE TABLE notes (id INTEGER)'] }], kind);

    await expect(codeOf(a.migrate(changed))).resolves.toMatchObject({ code: 'MIGRATION_CHANGED' });
    await expect(codeOf(a.migrate(failing))).resolves.toMatchObject({ code: 'MIGRATION_FAILED' });
    await expect(codeOf(a.query('SELECT * FROM half', []))).resolves.toMatchObject({ code: 'QUERY_INVALID' });
    await expect(a.query('SELECT id FROM faxbot_migrations WHERE id = $1', ['0003-broken'])).resolves.toMatchObject({ rowCount: 0 });
  });

  if (kind === 'postgres') {
    it('fails with UNAVAILABLE and says what to grant when the gateway user cannot create roles', async () => {
      const url = new URL(core.target.options.url!);
      const weak = `faxbot_weak_${randomBytes(4).toString('hex')}`;
      const admin = new Client({ connectionString: url.href });
      await admin.connect();
      try {
        await admin.query(`CREATE ROLE ${weak} LOGIN NOCREATEROLE`);
        await admin.query(`GRANT USAGE, CREATE ON SCHEMA "${coreSchema()}" TO ${weak}`);
        url.username = weak;
        const weakHost = createPluginSqlHost({ database: { url: url.href, postgresSchema: coreSchema() }, sqliteDir, passwordKey: randomBytes(32) });
        try {
          const error = await weakHost.open('weak-plugin').catch((caught: unknown) => caught);
          expect(error).toMatchObject({ code: 'UNAVAILABLE' });
          expect((error as Error).message).toContain('CREATEROLE');
        } finally {
          await weakHost.close();
        }
      } finally {
        await admin.query(`DROP OWNED BY ${weak}`).catch(() => undefined);
        await admin.query(`DROP ROLE IF EXISTS ${weak}`);
        await admin.end();
      }
    });
  }
});
