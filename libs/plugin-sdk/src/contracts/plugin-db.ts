/** The SQL dialect of {@link PluginSql}: the gateway's embedded SQLite or its PostgreSQL. */
export type PluginDbDialect = 'sqlite' | 'postgres';

/**
 * A value bound to a `$1`, `$2`, … placeholder. Booleans become 1/0 on SQLite; use ISO strings or
 * epoch milliseconds for times, and `Uint8Array`/`Buffer` for bytes.
 */
export type SqlParam = string | number | boolean | null | Uint8Array;

/** What {@link PluginSql.query} resolves: the rows a statement returned and how many rows it touched. */
export interface SqlResult<Row = Record<string, unknown>> {
  /** Rows of a `SELECT` or a statement with `RETURNING`; empty otherwise. */
  rows: Row[];
  /** Rows inserted, updated or deleted (for a `SELECT`, the number of rows returned). */
  rowCount: number;
}

/**
 * One step of a plugin's own schema. `id` names it forever: the host records it once applied and
 * never runs it again. `sql` is a list of single statements, the same for both dialects or one list
 * per dialect. Never edit a released migration (the host refuses with `MIGRATION_CHANGED`); add one.
 */
export interface PluginSqlMigration {
  /** 1 to 100 characters of letters, digits, `.`, `_` and `-`, e.g. `0001-create-contacts`. */
  id: string;
  sql: readonly string[] | { sqlite: readonly string[]; postgres: readonly string[] };
}

/** What {@link PluginSql.migrate} did. */
export interface PluginSqlMigrationReport {
  /** Ids applied by this call, in order (empty when everything was applied before). */
  applied: string[];
}

/** The statements of one open transaction (see {@link PluginSql.transaction}). */
export interface PluginSqlTransaction {
  /** Runs one statement inside the transaction; same rules as {@link PluginSql.query}. */
  query<Row = Record<string, unknown>>(sql: string, params?: readonly SqlParam[]): Promise<SqlResult<Row>>;
}

/**
 * SQL on tables the plugin owns (`deps.db.sql`). Each plugin instance has its own SQLite database
 * file, or on PostgreSQL its own schema reached through its own login role: the gateway's tables and
 * other plugins' tables do not exist for it, whatever the SQL says (`ATTACH`, `SET ROLE`,
 * schema-qualified names are refused by the database itself, with `QUERY_REFUSED`).
 *
 * Placeholders are `$1`, `$2`, … on both dialects; values are always bound, never spliced into SQL.
 * Each call runs exactly one statement. Errors are {@link PluginDbError}s whose messages never
 * contain parameter values.
 *
 * @example
 * await deps.db.sql.migrate([
 *   { id: '0001-create-receipts', sql: ['CREATE TABLE receipts (job_id TEXT PRIMARY KEY, pages INTEGER NOT NULL)'] },
 * ]);
 * await deps.db.sql.query('INSERT INTO receipts (job_id, pages) VALUES ($1, $2)', [jobId, 3]);
 * const { rows } = await deps.db.sql.query<{ pages: number }>('SELECT pages FROM receipts WHERE job_id = $1', [jobId]);
 */
export interface PluginSql {
  /** Which dialect the statements must be written in. */
  readonly dialect: PluginDbDialect;

  /**
   * Applies the migrations not applied before, in the given order, each in its own transaction
   * together with the record that it ran. Safe to call on every `start()` and from several gateways
   * at once. Rejects with `MIGRATION_CHANGED` when an applied id now has different SQL, or
   * `MIGRATION_FAILED` (nothing of that migration stays) when a statement fails.
   *
   * @example
   * await deps.db.sql.migrate(MIGRATIONS); // in start(), before the first query
   */
  migrate(migrations: readonly PluginSqlMigration[]): Promise<PluginSqlMigrationReport>;

  /**
   * Runs one parameterised statement on its own (auto-commit).
   *
   * @example
   * const { rowCount } = await deps.db.sql.query('DELETE FROM receipts WHERE pages = $1', [0]);
   */
  query<Row = Record<string, unknown>>(sql: string, params?: readonly SqlParam[]): Promise<SqlResult<Row>>;

  /**
   * Runs `fn` in one transaction: it commits when `fn` resolves and rolls back when it rejects (the
   * rejection is passed on). Use only `tx.query` inside `fn`; calling `deps.db.sql.query` there
   * rejects with `TRANSACTION_OPEN`. Transactions of one instance run one after another on SQLite.
   *
   * @example
   * await deps.db.sql.transaction(async (tx) => {
   *   await tx.query('UPDATE counters SET n = n + 1 WHERE name = $1', ['sent']);
   *   await tx.query('INSERT INTO receipts (job_id, pages) VALUES ($1, $2)', [jobId, pages]);
   * });
   */
  transaction<T>(fn: (tx: PluginSqlTransaction) => Promise<T>): Promise<T>;
}

/** One entry of a {@link DocumentPage}. */
export interface StoredDocument<T = unknown> {
  key: string;
  value: T;
  /** When the value was last written. */
  updatedAt: Date;
}

/** Options of {@link PluginDocumentStore.list}. */
export interface DocumentListOptions {
  /** Only keys starting with this (empty: every key). */
  prefix?: string;
  /** Most entries per page, 1 to 500 (default 100). */
  limit?: number;
  /** `nextCursor` of the previous page; omit for the first page. */
  cursor?: string;
}

/** One page of {@link PluginDocumentStore.list}, ordered by key (byte order, the same on both dialects). */
export interface DocumentPage<T = unknown> {
  items: StoredDocument<T>[];
  /** Pass as `cursor` to read the next page; null on the last page. */
  nextCursor: string | null;
}

/**
 * A key/document store private to one plugin instance (`deps.db.documents`), kept in the gateway's
 * database, in a table the plugin cannot query. Keys are 1-200 characters of letters, digits and
 * `_ - . : / @ + =`; values are plain JSON data of at most 256 KiB. Each call is atomic on its own;
 * use {@link PluginSql.transaction} when several writes must succeed together.
 *
 * PHI: the store is inside the gateway's database (encrypted at rest only if the operator's disk or
 * database is); prefer ids over phone numbers in keys.
 *
 * @example
 * await deps.db.documents.put('account:settings', { region: 'eu', retries: 3 });
 * const settings = await deps.db.documents.get<{ region: string }>('account:settings');
 */
export interface PluginDocumentStore {
  /** The value under `key`, or `undefined`. Each call returns a fresh copy. */
  get<T = unknown>(key: string): Promise<T | undefined>;
  /** Stores `value` (plain JSON data) under `key`, replacing what was there. */
  put(key: string, value: unknown): Promise<void>;
  /** Removes `key`; resolves true when it existed. */
  delete(key: string): Promise<boolean>;
  /**
   * One page of entries, by key.
   *
   * @example
   * let cursor: string | undefined;
   * do {
   *   const page = await deps.db.documents.list({ prefix: 'job:', limit: 100, ...(cursor ? { cursor } : {}) });
   *   for (const item of page.items) handle(item.key, item.value);
   *   cursor = page.nextCursor ?? undefined;
   * } while (cursor !== undefined);
   */
  list<T = unknown>(options?: DocumentListOptions): Promise<DocumentPage<T>>;
}

/**
 * `deps.db`: data a plugin keeps in the gateway's database, private to the instance. See
 * {@link PluginDocumentStore} and {@link PluginSql}.
 *
 * @example
 * await deps.db.documents.put('cursor', { since: Date.now() });
 * const { rows } = await deps.db.sql.query('SELECT count(*) AS n FROM receipts');
 */
export interface PluginDb {
  documents: PluginDocumentStore;
  sql: PluginSql;
}
