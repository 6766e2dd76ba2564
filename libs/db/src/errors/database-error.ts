/**
 * Why a database call failed, for callers that react differently per case.
 *
 * - `CONFIG_INVALID`: a database URL, schema name or pool size that cannot work; raised at boot.
 * - `INVALID_VALUE`: a value the schema cannot store safely (for example a comma inside an API key scope).
 * - `UNIQUE_VIOLATION`: an insert collided with an existing primary key or unique column.
 * - `SCOPE_MISUSE`: a call made inside `transaction()` without passing its scope, a nested
 *   `transaction()`, or a scope used after its transaction ended or with another database.
 */
export type DatabaseErrorCode = 'CONFIG_INVALID' | 'INVALID_VALUE' | 'UNIQUE_VIOLATION' | 'SCOPE_MISUSE';

/**
 * The one error type `@faxbot/db` throws itself. Messages name tables and columns but never values,
 * because values can be PHI (fax numbers) or secrets (database passwords); the driver error, which may
 * contain them, is kept as `cause` for diagnostics only.
 */
export class DatabaseError extends Error {
  readonly code: DatabaseErrorCode;

  constructor(code: DatabaseErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DatabaseError';
    this.code = code;
  }
}
