import type { CacheErrorCode as PluginCacheErrorCode } from '@faxbot/plugin-sdk';
/**
 * Why a cache operation failed. The plugin-visible codes are the SDK's `CacheErrorCode`; the host
 * alone can also see `CONFIG_INVALID`.
 *
 * - `INVALID_KEY`: the key is not 1-200 characters of letters, digits and `_ - . : / @ + =`.
 * - `INVALID_VALUE`: the value is not plain JSON data.
 * - `TOO_LARGE`: the value's JSON is larger than the backend's `maxValueBytes`.
 * - `INVALID_ARGUMENT`: a TTL, an `incr` step or an instance id is out of range.
 * - `NOT_A_COUNTER`: `incr` found a value that is not a whole number.
 * - `OUT_OF_RANGE`: `incr` would leave the safe integer range; nothing changed.
 * - `UNAVAILABLE`: Redis cannot be reached or did not answer in time.
 * - `BACKEND_FAILED`: Redis answered with an unexpected error or an unreadable value.
 * - `CLOSED`: the backend was closed.
 * - `CONFIG_INVALID`: the Redis URL or a limit is malformed.
 */
export type CacheErrorCode = PluginCacheErrorCode | 'CONFIG_INVALID';

const BRAND = Symbol.for('faxbot.CacheError');

/**
 * The one error type the cache throws. Messages may name keys but never contain values or Redis
 * credentials.
 *
 * @example
 * try {
 *   return await cache.get<string>('token');
 * } catch (error) {
 *   if (CacheError.is(error) && error.code === 'UNAVAILABLE') return undefined; // a miss
 *   throw error;
 * }
 */
export class CacheError extends Error {
  readonly code: CacheErrorCode;

  constructor(code: CacheErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CacheError';
    this.code = code;
    Object.defineProperty(this, BRAND, { value: true });
  }

  /** Brand check that also works across two copies of this package. */
  static is(value: unknown): value is CacheError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }
}
