import { PluginDbError } from '@faxbot/plugin-sdk';

interface DriverError {
  code?: unknown;
  message?: unknown;
}

function driverCode(error: unknown): string | undefined {
  const code = (error as DriverError | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

// PostgreSQL SQLSTATEs whose message names only what the plugin's own SQL text named (never values).
const PG_ECHO_SAFE = new Set(['42601', '42P01', '42703', '42883', '42P02', '42704', '42P07', '42710', '42701']);
const SQLITE_ECHO_SAFE = /^(near "[^"]*": syntax error|incomplete input|no such (table|column|function|index|view|trigger): [^\s]+|table [^\s]+ already exists|index [^\s]+ already exists|[^\s]+ has no column named [^\s]+)$/;

/**
 * Turns a PostgreSQL driver error into a {@link PluginDbError}. The driver's message is passed on only
 * for errors that echo identifiers of the plugin's own SQL (syntax, unknown table or column); every
 * other message is replaced, because it can contain a bound value (`invalid input syntax for type
 * integer: "…"`) or name the gateway's schema.
 */
export function fromPostgresError(error: unknown): PluginDbError {
  if (error instanceof PluginDbError) return error;
  const sqlState = driverCode(error);
  const message = typeof (error as DriverError | null)?.message === 'string' ? String((error as DriverError).message) : '';
  if (sqlState === undefined || !/^[0-9A-Z]{5}$/.test(sqlState)) return new PluginDbError('UNAVAILABLE', 'the plugin database could not be reached', { cause: error });
  const options = { cause: error, sqlState };
  if (sqlState === '42501') return new PluginDbError('QUERY_REFUSED', 'permission denied: a plugin reaches only its own tables', options);
  if (sqlState.startsWith('23')) return new PluginDbError('CONSTRAINT_VIOLATION', `the statement violates a constraint (SQLSTATE ${sqlState})`, options);
  if (PG_ECHO_SAFE.has(sqlState)) return new PluginDbError('QUERY_INVALID', message, options);
  if (sqlState.startsWith('42') || sqlState === '08P01' || sqlState.startsWith('22') || sqlState === '0A000') {
    return new PluginDbError('QUERY_INVALID', `the statement is invalid (SQLSTATE ${sqlState})`, options);
  }
  if (sqlState.startsWith('08') || sqlState.startsWith('28') || sqlState.startsWith('53') || sqlState.startsWith('57')) {
    return new PluginDbError('UNAVAILABLE', `the plugin database is unavailable (SQLSTATE ${sqlState})`, options);
  }
  return new PluginDbError('QUERY_FAILED', `the statement failed (SQLSTATE ${sqlState})`, options);
}

/** Turns a better-sqlite3 error into a {@link PluginDbError}; see {@link fromPostgresError} for messages. */
export function fromSqliteError(error: unknown): PluginDbError {
  if (error instanceof PluginDbError) return error;
  const code = driverCode(error);
  const message = typeof (error as DriverError | null)?.message === 'string' ? String((error as DriverError).message) : '';
  // better-sqlite3 reports misuse (parameter count, several statements) as a TypeError/RangeError without a code.
  if (code === undefined) return new PluginDbError('QUERY_INVALID', 'the statement or its parameters are invalid (one statement per call, $1… placeholders)', { cause: error });
  const options = { cause: error, sqlState: code };
  if (code.startsWith('SQLITE_CONSTRAINT')) return new PluginDbError('CONSTRAINT_VIOLATION', `the statement violates a constraint (${code})`, options);
  if (code === 'SQLITE_AUTH') return new PluginDbError('QUERY_REFUSED', 'the statement is not allowed for a plugin', options);
  if (code === 'SQLITE_ERROR') return new PluginDbError('QUERY_INVALID', SQLITE_ECHO_SAFE.test(message) ? message : 'the statement is invalid (SQLITE_ERROR)', options);
  if (code === 'SQLITE_RANGE' || code === 'SQLITE_MISMATCH' || code === 'SQLITE_TOOBIG') return new PluginDbError('QUERY_INVALID', `the statement or its parameters are invalid (${code})`, options);
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED') || code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_IOERR') || code === 'SQLITE_FULL') {
    return new PluginDbError('UNAVAILABLE', `the plugin database is unavailable (${code})`, options);
  }
  return new PluginDbError('QUERY_FAILED', `the statement failed (${code})`, options);
}
