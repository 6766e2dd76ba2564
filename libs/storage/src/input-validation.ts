import { StorageError } from './storage.error';

const KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9/_.-]{0,254}$/;
const PREFIX_PATTERN = /^(?:[A-Za-z0-9][A-Za-z0-9/_.-]{0,254})?$/;
// Path tricks that a file system (or a reader of S3 keys as paths) would interpret.
const UNSAFE_PARTS = /\.\.|\/\/|(?:^|\/)\.(?:\/|$)/;

/**
 * True when `key` can name an object: 1–255 characters from `A-Z a-z 0-9 / _ . -`, starting with a
 * letter or digit, with no `..`, no empty or `.` path segment and no trailing `/`. The same rule
 * holds for every driver, so a key that works locally also works on S3.
 *
 * @example
 * isValidStorageKey('outbound/3f9a0c51.pdf'); // true
 * isValidStorageKey('../secret.key'); // false
 */
export function isValidStorageKey(key: unknown): key is string {
  return typeof key === 'string' && KEY_PATTERN.test(key) && !UNSAFE_PARTS.test(key) && !key.endsWith('/');
}

/** Throws `INVALID_KEY` unless {@link isValidStorageKey} accepts `key`. */
export function assertValidStorageKey(key: unknown): asserts key is string {
  if (!isValidStorageKey(key)) throw new StorageError('INVALID_KEY', 'invalid storage key (allowed: A-Z a-z 0-9 / _ . -, no "..", no empty segments)');
}

/** Throws `INVALID_KEY` unless `prefix` is `''` or the start of a valid key (it may end with `/`). */
export function assertValidStoragePrefix(prefix: unknown): asserts prefix is string {
  if (typeof prefix !== 'string' || !PREFIX_PATTERN.test(prefix) || UNSAFE_PARTS.test(prefix)) {
    throw new StorageError('INVALID_KEY', 'invalid storage prefix (allowed: A-Z a-z 0-9 / _ . -, no "..")');
  }
}

const CONTENT_TYPE = /^[\x21-\x7e][\x20-\x7e]{0,126}$/;

/** Throws `INVALID_ARGUMENT` unless `contentType` is undefined or 1–127 printable ASCII characters. */
export function assertValidContentType(contentType: unknown): asserts contentType is string | undefined {
  if (contentType !== undefined && (typeof contentType !== 'string' || !CONTENT_TYPE.test(contentType))) {
    throw new StorageError('INVALID_ARGUMENT', 'contentType must be 1-127 printable ASCII characters');
  }
}

/** Throws `INVALID_ARGUMENT` unless `seconds` is a whole number from 1 to `max`. */
export function assertValidLifetime(seconds: unknown, max: number): asserts seconds is number {
  if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 1 || seconds > max) {
    throw new StorageError('INVALID_ARGUMENT', `expiresInSeconds must be a whole number from 1 to ${max}`);
  }
}
