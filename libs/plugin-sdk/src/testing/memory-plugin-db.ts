import { AsyncLocalStorage } from 'node:async_hooks';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { PluginDb, PluginDocumentStore, PluginSql, SqlParam, SqlResult } from '../contracts/plugin-db';
import { checkDocumentKey, checkDocumentListOptions, checkSqlCall, encodeDocumentValue, planMigrations } from '../db/check-db-input';
import { PluginDbError } from '../errors/plugin-db-error';

interface SqliteStatement {
  reader: boolean;
  all(...params: unknown[]): unknown[];
  run(...params: unknown[]): { changes: number };
}
interface SqliteDatabase {
  prepare(sql: string): SqliteStatement;
  exec(sql: string): void;
  readonly inTransaction: boolean;
}

/** The documents half: a sorted in-memory map with the host's key, value and paging rules. */
function createMemoryDocuments(now: () => number): PluginDocumentStore {
  const entries = new Map<string, { json: string; updatedAt: number }>();
  return {
    get: async <T>(key: string) => {
      const entry = entries.get(checkDocumentKey(key));
      return entry === undefined ? undefined : (JSON.parse(entry.json) as T);
    },
    put: async (key, value) => {
      entries.set(checkDocumentKey(key), { json: encodeDocumentValue(value), updatedAt: now() });
    },
    delete: async (key) => entries.delete(checkDocumentKey(key)),
    list: async <T>(options?: Parameters<PluginDocumentStore['list']>[0]) => {
      const { prefix, limit, cursor } = checkDocumentListOptions(options);
      // Byte order, as the host orders keys (the key alphabet is ASCII, so code units suffice).
      const matching = [...entries].filter(([key]) => key.startsWith(prefix) && (cursor === null || key > cursor)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      const page = matching.slice(0, limit);
      return {
        items: page.map(([key, entry]) => ({ key, value: JSON.parse(entry.json) as T, updatedAt: new Date(entry.updatedAt) })),
        nextCursor: matching.length > limit ? (page.at(-1)?.[0] ?? null) : null,
      };
    },
  };
}

function bind(params: readonly SqlParam[]): unknown[] {
  if (params.length === 0) return [];
  return [Object.fromEntries(params.map((param, index) => [String(index + 1), typeof param === 'boolean' ? Number(param) : param instanceof Uint8Array ? Buffer.from(param) : param]))];
}

function asDbError(error: unknown): PluginDbError {
  if (PluginDbError.is(error)) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT')) return new PluginDbError('CONSTRAINT_VIOLATION', `the statement violates a constraint (${code})`, { cause: error, sqlState: code });
  return new PluginDbError('QUERY_INVALID', error instanceof Error ? error.message : 'the statement is invalid', { cause: error, ...(typeof code === 'string' ? { sqlState: code } : {}) });
}

/** The SQL half: an in-memory SQLite database through the `better-sqlite3` package of the project under test. */
function createMemorySql(): PluginSql {
  let db: SqliteDatabase | null = null;
  const open = (): SqliteDatabase => {
    if (db !== null) return db;
    let Driver: new (path: string) => SqliteDatabase;
    try {
      // Resolved from the project running the tests, where a plugin lists it as a devDependency.
      Driver = createRequire(join(process.cwd(), 'package.json'))('better-sqlite3') as typeof Driver;
    } catch (cause) {
      throw new PluginDbError('UNAVAILABLE', 'testing deps.db.sql needs the better-sqlite3 package: add it to your devDependencies', { cause });
    }
    db = new Driver(':memory:');
    db.exec('CREATE TABLE faxbot_migrations (id TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at INTEGER NOT NULL)');
    return db;
  };
  const run = (sql: string, params: readonly SqlParam[]): SqlResult => {
    try {
      const statement = open().prepare(sql);
      if (statement.reader) {
        const rows = statement.all(...bind(params)) as Record<string, unknown>[];
        return { rows, rowCount: rows.length };
      }
      return { rows: [], rowCount: statement.run(...bind(params)).changes };
    } catch (error) {
      throw asDbError(error);
    }
  };
  const inside = new AsyncLocalStorage<{ open: boolean }>();
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    if (inside.getStore()?.open) return Promise.reject(new PluginDbError('TRANSACTION_OPEN', 'inside transaction() use tx.query'));
    const result = queue.then(work);
    queue = result.catch(() => undefined);
    return result;
  };
  return {
    dialect: 'sqlite',
    migrate: (migrations) =>
      serial(async () => {
        const applied: string[] = [];
        for (const migration of planMigrations(migrations, 'sqlite')) {
          const recorded = run('SELECT checksum FROM faxbot_migrations WHERE id = $1', [migration.id]).rows[0] as { checksum: string } | undefined;
          if (recorded !== undefined && recorded.checksum !== migration.checksum) throw new PluginDbError('MIGRATION_CHANGED', `migration ${migration.id} was applied with different SQL`);
          if (recorded !== undefined) continue;
          open().exec('BEGIN');
          try {
            for (const statement of migration.statements) run(statement, []);
            run('INSERT INTO faxbot_migrations (id, checksum, applied_at) VALUES ($1, $2, $3)', [migration.id, migration.checksum, Date.now()]);
            open().exec('COMMIT');
          } catch (cause) {
            open().exec('ROLLBACK');
            throw new PluginDbError('MIGRATION_FAILED', `migration ${migration.id} failed: ${asDbError(cause).message}`, { cause });
          }
          applied.push(migration.id);
        }
        return { applied };
      }),
    query: <Row>(sql: string, params?: readonly SqlParam[]) => serial(async () => run(sql, checkSqlCall(sql, params)) as SqlResult<Row>),
    transaction: (fn) =>
      serial(async () => {
        const marker = { open: true };
        const tx = {
          query: async <Row>(sql: string, params?: readonly SqlParam[]) => {
            if (!marker.open) throw new PluginDbError('TRANSACTION_CLOSED', 'this transaction has ended');
            return run(sql, checkSqlCall(sql, params)) as SqlResult<Row>;
          },
        };
        open().exec('BEGIN');
        try {
          const result = await inside.run(marker, () => fn(tx));
          marker.open = false;
          open().exec('COMMIT');
          return result;
        } catch (error) {
          marker.open = false;
          if (open().inTransaction) open().exec('ROLLBACK');
          throw error;
        }
      }),
  };
}

/**
 * `deps.db` for tests: documents in memory with the host's key, value and paging rules, and SQL on
 * a private in-memory SQLite database (dialect `sqlite`, `$1` placeholders, migrations recorded
 * once, transactions that roll back on a throw). The SQL half needs `better-sqlite3` in the plugin's
 * devDependencies and is opened on first use. It does not enforce the host's isolation rules: test
 * those against a real gateway.
 *
 * @example
 * const db = createMemoryPluginDb();
 * await db.sql.migrate([{ id: '0001', sql: ['CREATE TABLE t (id TEXT PRIMARY KEY)'] }]);
 * await db.documents.put('k', { a: 1 });
 */
export function createMemoryPluginDb(now: () => number = Date.now): PluginDb {
  return { documents: createMemoryDocuments(now), sql: createMemorySql() };
}
