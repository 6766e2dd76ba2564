/**
 * Why a storage operation failed.
 *
 * - `INVALID_KEY`: an object key or list prefix is not in the allowed form (see {@link isValidStorageKey}).
 * - `INVALID_ARGUMENT`: another argument is out of range, such as a signed-URL lifetime over 15 minutes.
 * - `NOT_FOUND`: no object under that key.
 * - `INTEGRITY`: stored bytes failed authentication or did not match their recorded digest or size:
 *   they were altered, truncated or corrupted. Nothing unauthenticated is returned.
 * - `KEY_MISMATCH`: a local object was written under a master key this storage was not given.
 * - `TOO_LARGE`: the content is larger than the driver accepts.
 * - `SOURCE_FAILED`: the content stream passed to `put` failed; nothing was stored.
 * - `BACKEND_FAILED`: the file system or the object store failed (disk full, permissions, network).
 * - `CONFIG_INVALID`: storage settings are missing or malformed.
 */
export type StorageErrorCode =
  | 'INVALID_KEY'
  | 'INVALID_ARGUMENT'
  | 'NOT_FOUND'
  | 'INTEGRITY'
  | 'KEY_MISMATCH'
  | 'TOO_LARGE'
  | 'SOURCE_FAILED'
  | 'BACKEND_FAILED'
  | 'CONFIG_INVALID';

const BRAND = Symbol.for('faxbot.StorageError');

/**
 * The one error type the storage drivers throw (or emit on a `get` stream). Messages name keys but
 * never contain document content or key material.
 *
 * @example
 * try {
 *   await storage.get(key);
 * } catch (error) {
 *   if (StorageError.is(error) && error.code === 'NOT_FOUND') return res.status(404).end();
 *   throw error;
 * }
 */
export class StorageError extends Error {
  readonly code: StorageErrorCode;

  constructor(code: StorageErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'StorageError';
    this.code = code;
    Object.defineProperty(this, BRAND, { value: true });
  }

  /** Brand check that also works across two copies of this package. */
  static is(value: unknown): value is StorageError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }
}
