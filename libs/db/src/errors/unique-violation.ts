import { QueryFailedError } from 'typeorm';
import { DatabaseError } from './database-error';

// SQLite reports the constraint kind in an extended result code; PostgreSQL uses SQLSTATE 23505.
const UNIQUE_CODES = new Set(['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY', '23505']);

/**
 * Turns a driver's unique-constraint error into a {@link DatabaseError} with code `UNIQUE_VIOLATION`
 * and returns any other error unchanged, so callers can write `throw asUniqueViolation(err, table)`.
 */
export function asUniqueViolation(error: unknown, table: string): unknown {
  if (!(error instanceof QueryFailedError)) return error;
  const code = (error.driverError as { code?: unknown } | undefined)?.code;
  if (typeof code !== 'string' || !UNIQUE_CODES.has(code)) return error;
  return new DatabaseError('UNIQUE_VIOLATION', `${table}: a row with the same unique key already exists`, {
    cause: error,
  });
}
