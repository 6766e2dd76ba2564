import BetterSqlite3 from 'better-sqlite3';
import { PluginDbError, type PlannedMigration, type SqlParam, type SqlResult } from '@faxbot/plugin-sdk';
import { SqliteMutex } from '../data-source/sqlite-mutex';
import type { PluginSqlEngine, PluginSqlRunner } from './plugin-sql-engine';
import { fromSqliteError } from './plugin-sql-errors';
import { guardSqliteStatement } from './sqlite-statement-guard';

const BUSY_TIMEOUT_MS = 5000;
const MIGRATIONS_TABLE = 'faxbot_migrations';

// `$1`, `$2`, … are SQLite named parameters "1", "2", …; booleans and byte views need converting.
function bindings(params: readonly SqlParam[]): [] | [Record<string, unknown>] {
  if (params.length === 0) return [];
  const named: Record<string, unknown> = {};
  params.forEach((param, index) => {
    named[String(index + 1)] = typeof param === 'boolean' ? (param ? 1 : 0) : param instanceof Uint8Array && !Buffer.isBuffer(param) ? Buffer.from(param.buffer, param.byteOffset, param.byteLength) : param;
  });
  return [named];
}

/**
 * One plugin instance's SQLite database: a file of its own, so the gateway's tables and other
 * plugins' tables do not exist for it. Every statement is compiled and inspected before it runs
 * (see `sqlite-statement-guard`), which keeps other files from being attached. One connection,
 * serialised with a mutex, as the core does.
 */
export class SqlitePluginSql implements PluginSqlEngine {
  readonly dialect = 'sqlite' as const;
  private readonly mutex = new SqliteMutex();
  private closed = false;

  private constructor(private readonly db: BetterSqlite3.Database) {}

  /** Opens (creating if needed) the database file at `path`. */
  static open(path: string): SqlitePluginSql {
    let db: BetterSqlite3.Database;
    try {
      db = new BetterSqlite3(path, { timeout: BUSY_TIMEOUT_MS });
      db.pragma('journal_mode = WAL');
      db.pragma('foreign_keys = ON');
      db.exec(`CREATE TABLE IF NOT EXISTS ${MIGRATIONS_TABLE} (id TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at INTEGER NOT NULL)`);
    } catch (cause) {
      throw new PluginDbError('UNAVAILABLE', 'the plugin database file could not be opened', { cause });
    }
    return new SqlitePluginSql(db);
  }

  query: PluginSqlRunner = (sql, params) => this.exclusive(async () => this.run(sql, params));

  transaction<T>(fn: (query: PluginSqlRunner) => Promise<T>): Promise<T> {
    return this.exclusive(async () => {
      this.begin();
      let open = true;
      const inside: PluginSqlRunner = async (sql, params) => {
        if (!open) throw new PluginDbError('TRANSACTION_CLOSED', 'this transaction has ended');
        return this.run(sql, params);
      };
      try {
        const result = await fn(inside);
        open = false;
        this.end('COMMIT');
        return result;
      } catch (error) {
        open = false;
        if (this.db.inTransaction) this.end('ROLLBACK');
        throw error;
      }
    });
  }

  migrate(plan: readonly PlannedMigration[]): Promise<string[]> {
    return this.exclusive(async () => {
      const applied: string[] = [];
      for (const migration of plan) {
        this.begin();
        try {
          const row = this.db.prepare(`SELECT checksum FROM ${MIGRATIONS_TABLE} WHERE id = ?`).get(migration.id) as { checksum: string } | undefined;
          if (row !== undefined && row.checksum !== migration.checksum) throw new PluginDbError('MIGRATION_CHANGED', `migration ${migration.id} was applied with different SQL; add a new migration instead`);
          if (row === undefined) {
            for (const statement of migration.statements) {
              try {
                this.run(statement, []);
              } catch (cause) {
                const mapped = fromSqliteError(cause);
                throw new PluginDbError('MIGRATION_FAILED', `migration ${migration.id} failed: ${mapped.message}`, { cause, ...(mapped.sqlState === undefined ? {} : { sqlState: mapped.sqlState }) });
              }
            }
            this.db.prepare(`INSERT INTO ${MIGRATIONS_TABLE} (id, checksum, applied_at) VALUES (?, ?, ?)`).run(migration.id, migration.checksum, Date.now());
            applied.push(migration.id);
          }
          this.end('COMMIT');
        } catch (error) {
          if (this.db.inTransaction) this.end('ROLLBACK');
          throw fromSqliteError(error);
        }
      }
      return applied;
    });
  }

  close(): Promise<void> {
    return this.mutex.runExclusive(async () => {
      if (this.closed) return;
      this.closed = true;
      this.db.close();
    });
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    return this.mutex.runExclusive(async () => {
      if (this.closed) throw new PluginDbError('UNAVAILABLE', 'the plugin database is closed');
      return fn();
    });
  }

  private run(sql: string, params: readonly SqlParam[]): SqlResult {
    try {
      const statement = this.db.prepare(sql);
      const bound = bindings(params);
      guardSqliteStatement(this.db, sql, bound);
      if (statement.reader) {
        const rows = statement.all(...bound) as Record<string, unknown>[];
        return { rows, rowCount: rows.length };
      }
      return { rows: [], rowCount: statement.run(...bound).changes };
    } catch (error) {
      throw fromSqliteError(error);
    }
  }

  private begin(): void {
    try {
      // IMMEDIATE takes the write lock now, so two writers never deadlock upgrading a read lock.
      this.db.exec('BEGIN IMMEDIATE');
    } catch (error) {
      throw fromSqliteError(error);
    }
  }

  private end(command: 'COMMIT' | 'ROLLBACK'): void {
    try {
      this.db.exec(command);
    } catch (error) {
      throw fromSqliteError(error);
    }
  }
}
