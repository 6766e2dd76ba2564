import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { Database } from '../database';
import type { DatabaseKind, DatabaseOptions } from '../data-source/database-options';
import { openDatabase } from '../data-source/open-database';

const POSTGRES_URL = process.env['TEST_DATABASE_URL'];

/**
 * Engines the integration tests run on: SQLite always, PostgreSQL only when TEST_DATABASE_URL is set.
 * Use with `describe.each`, so PostgreSQL cases are not declared at all (rather than passing) without it.
 */
export const TEST_DATABASE_KINDS: DatabaseKind[] = POSTGRES_URL ? ['sqlite', 'postgres'] : ['sqlite'];

/** A private, empty database for one test file: a temporary SQLite file or a fresh PostgreSQL schema. */
export class TestDatabaseTarget {
  private readonly opened: Database[] = [];

  private constructor(
    readonly kind: DatabaseKind,
    readonly options: DatabaseOptions,
    private readonly removeStorage: () => Promise<void>,
  ) {}

  /** Reserves storage for a database of `kind`; nothing is created until {@link open}. */
  static create(kind: DatabaseKind): TestDatabaseTarget {
    if (kind === 'sqlite') {
      const dir = mkdtempSync(join(tmpdir(), 'faxbot-db-'));
      return new TestDatabaseTarget(kind, { sqlitePath: join(dir, 'data', 'faxbot.db') }, async () =>
        rmSync(dir, { recursive: true, force: true }),
      );
    }
    if (!POSTGRES_URL) throw new Error('TEST_DATABASE_URL is not set');
    const url = POSTGRES_URL;
    const schema = `faxbot_test_${randomBytes(6).toString('hex')}`;
    return new TestDatabaseTarget(kind, { url, postgresSchema: schema, poolSize: 10 }, async () => {
      const client = new Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await client.end();
      }
    });
  }

  /** Opens one more {@link Database} on the same storage, like another process would. */
  async open(): Promise<Database> {
    const db = await openDatabase(this.options);
    this.opened.push(db);
    return db;
  }

  /** Closes every database opened here and deletes the storage. */
  async dispose(): Promise<void> {
    await Promise.all(this.opened.map((db) => db.close()));
    await this.removeStorage();
  }
}

/**
 * Opens a database of `kind` before the tests of the enclosing `describe` and disposes of it after
 * them. Read `db` and `target` inside tests, not while declaring them.
 */
export function useTestDatabase(kind: DatabaseKind): { readonly db: Database; readonly target: TestDatabaseTarget } {
  let target: TestDatabaseTarget | undefined;
  let db: Database | undefined;
  beforeAll(async () => {
    target = TestDatabaseTarget.create(kind);
    db = await target.open();
  });
  afterAll(async () => {
    await target?.dispose();
  });
  return {
    get db() {
      if (!db) throw new Error('the test database is not open yet');
      return db;
    },
    get target() {
      if (!target) throw new Error('the test database is not open yet');
      return target;
    },
  };
}
