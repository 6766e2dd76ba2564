/**
 * Why the plugin config store refused a call.
 *
 * - `INVALID_INPUT`: an instance id, plugin id, isolation mode, actor or settings value it cannot store.
 * - `CONFLICT`: the stored version is not the one the caller expected (someone else saved first).
 * - `NOT_FOUND`: no configuration is stored for the instance.
 * - `VERSION_NOT_KEPT`: a rollback asked for a version that is not (or no longer) kept.
 * - `CORRUPT`: the stored document or rows do not match the store's schema; nothing is reset.
 */
export type ConfigStoreErrorCode = 'INVALID_INPUT' | 'CONFLICT' | 'NOT_FOUND' | 'VERSION_NOT_KEPT' | 'CORRUPT';

/** Raised by the plugin config store. Messages name instances and fields, never setting values. */
export class ConfigStoreError extends Error {
  readonly code: ConfigStoreErrorCode;

  constructor(code: ConfigStoreErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ConfigStoreError';
    this.code = code;
  }
}
