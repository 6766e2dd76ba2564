const BRAND = Symbol.for('faxbot.PluginDbError');

/**
 * Why a `deps.db` call failed. Messages never contain values (documents or bound parameters).
 *
 * - `INVALID_KEY`: a document key is not 1-200 characters of letters, digits and `_ - . : / @ + =`.
 * - `INVALID_VALUE`: a document value is not plain JSON data.
 * - `TOO_LARGE`: a document's JSON is over 256 KiB.
 * - `INVALID_ARGUMENT`: a list option, a parameter or a migration is malformed.
 * - `QUERY_INVALID`: the SQL does not compile (syntax, unknown table or column, wrong parameters,
 *   more than one statement).
 * - `QUERY_REFUSED`: the statement reaches outside the instance's own data (the gateway's tables,
 *   another plugin's, `ATTACH`, `SET ROLE`, …) or is not allowed (`VACUUM INTO`).
 * - `CONSTRAINT_VIOLATION`: a unique, foreign key, not-null or check constraint failed.
 * - `QUERY_FAILED`: the database refused the statement for another reason (deadlock, timeout, …).
 * - `TRANSACTION_OPEN`: `deps.db.sql.query` or `transaction` was called inside a transaction's callback.
 * - `TRANSACTION_CLOSED`: `tx.query` was called after its transaction ended.
 * - `MIGRATION_FAILED`: a migration statement failed; that migration was rolled back.
 * - `MIGRATION_CHANGED`: an applied migration id now has different SQL.
 * - `UNAVAILABLE`: the database cannot be reached, or the SQL part could not be set up (the message
 *   says what the operator must do).
 */
export type PluginDbErrorCode =
  | 'INVALID_KEY'
  | 'INVALID_VALUE'
  | 'TOO_LARGE'
  | 'INVALID_ARGUMENT'
  | 'QUERY_INVALID'
  | 'QUERY_REFUSED'
  | 'CONSTRAINT_VIOLATION'
  | 'QUERY_FAILED'
  | 'TRANSACTION_OPEN'
  | 'TRANSACTION_CLOSED'
  | 'MIGRATION_FAILED'
  | 'MIGRATION_CHANGED'
  | 'UNAVAILABLE';

/** Every {@link PluginDbErrorCode}, for checks at a boundary. */
export const PLUGIN_DB_ERROR_CODES: readonly PluginDbErrorCode[] = [
  'INVALID_KEY',
  'INVALID_VALUE',
  'TOO_LARGE',
  'INVALID_ARGUMENT',
  'QUERY_INVALID',
  'QUERY_REFUSED',
  'CONSTRAINT_VIOLATION',
  'QUERY_FAILED',
  'TRANSACTION_OPEN',
  'TRANSACTION_CLOSED',
  'MIGRATION_FAILED',
  'MIGRATION_CHANGED',
  'UNAVAILABLE',
];

/**
 * What every `deps.db` call throws. `sqlState` is the database's own error code when there is one
 * (a PostgreSQL SQLSTATE such as `23505`, or a SQLite code such as `SQLITE_CONSTRAINT_UNIQUE`).
 *
 * @example
 * try {
 *   await deps.db.sql.query('INSERT INTO receipts (job_id, pages) VALUES ($1, $2)', [jobId, pages]);
 * } catch (error) {
 *   if (PluginDbError.is(error) && error.code === 'CONSTRAINT_VIOLATION') return; // already recorded
 *   throw error;
 * }
 */
export class PluginDbError extends Error {
  readonly code: PluginDbErrorCode;
  readonly sqlState: string | undefined;

  constructor(code: PluginDbErrorCode, message: string, options: { cause?: unknown; sqlState?: string } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'PluginDbError';
    this.code = code;
    this.sqlState = options.sqlState;
    Object.defineProperty(this, BRAND, { value: true });
  }

  /**
   * Brand check that works across copies of the SDK.
   *
   * @example
   * if (PluginDbError.is(error) && error.code === 'UNAVAILABLE') return { status: 'degraded' };
   */
  static is(value: unknown): value is PluginDbError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }
}
