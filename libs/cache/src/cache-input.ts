import { CacheError } from './cache.error';

/** Longest key a plugin may use, in characters. */
export const MAX_CACHE_KEY_LENGTH = 200;

/** Longest TTL: 30 days in milliseconds. A cache entry that must live longer belongs in storage. */
export const MAX_CACHE_TTL_MS = 30 * 24 * 60 * 60 * 1000;

/** Default limit of one value's JSON, in UTF-8 bytes. */
export const DEFAULT_MAX_VALUE_BYTES = 64 * 1024;

/** Deepest nesting of arrays and objects a value may have. */
export const MAX_VALUE_DEPTH = 64;

// Letters, digits and a few separators, which also covers hex, base64 and base64url digests. No
// spaces, control characters or glob characters (`*?[]`), so a key can never widen a Redis SCAN.
const KEY_PATTERN = /^[A-Za-z0-9_\-.:/@+=]+$/;

// Instance ids as the gateway defines them; no `:` means `<instanceId>:` ends the namespace
// unambiguously, so `a` + key `b:x` can never equal instance `a:b` + key `x`.
const INSTANCE_ID_PATTERN = /^[a-z][a-z0-9-]{1,62}$/;

/** Throws `INVALID_KEY` unless `key` is a string of allowed characters, 1-200 long. */
export function checkCacheKey(key: unknown): string {
  if (typeof key !== 'string' || key.length === 0 || key.length > MAX_CACHE_KEY_LENGTH || !KEY_PATTERN.test(key)) {
    throw new CacheError('INVALID_KEY', `cache keys are 1-${MAX_CACHE_KEY_LENGTH} characters of letters, digits and _ - . : / @ + =`);
  }
  return key;
}

/** Throws `INVALID_ARGUMENT` unless `instanceId` is a gateway instance id. */
export function checkInstanceId(instanceId: unknown): string {
  if (typeof instanceId !== 'string' || !INSTANCE_ID_PATTERN.test(instanceId)) {
    throw new CacheError('INVALID_ARGUMENT', `instance ids must match ${INSTANCE_ID_PATTERN.source}`);
  }
  return instanceId;
}

/** Returns the TTL, or throws `INVALID_ARGUMENT` unless it is absent or a whole number of ms in range. */
export function checkTtlMs(ttlMs: unknown): number | undefined {
  if (ttlMs === undefined) return undefined;
  if (typeof ttlMs !== 'number' || !Number.isInteger(ttlMs) || ttlMs < 1 || ttlMs > MAX_CACHE_TTL_MS) {
    throw new CacheError('INVALID_ARGUMENT', `ttlMs must be a whole number from 1 to ${MAX_CACHE_TTL_MS}`);
  }
  return ttlMs;
}

/** Returns the `incr` step, or throws `INVALID_ARGUMENT` unless it is a safe integer. */
export function checkIncrStep(by: unknown): number {
  if (by === undefined) return 1;
  if (typeof by !== 'number' || !Number.isSafeInteger(by)) {
    throw new CacheError('INVALID_ARGUMENT', 'the incr step must be a safe integer');
  }
  return by;
}

/**
 * The JSON text of `value`, after checking that it is plain JSON data (so that `get` returns an
 * equal copy from either store) and that its UTF-8 size is at most `maxBytes`.
 */
export function serializeCacheValue(value: unknown, maxBytes: number): string {
  // Every value takes at least one byte of JSON, so a walk longer than `maxBytes` steps is too
  // large; this also stops a shared sub-object repeated exponentially often from hanging the walk.
  checkJsonData(value, 0, { ancestors: new Set(), budget: maxBytes, maxBytes });
  const json = JSON.stringify(value);
  // Cheap bound first: a UTF-8 byte is at least one UTF-16 unit and at most three.
  if (json.length > maxBytes || (json.length * 3 > maxBytes && Buffer.byteLength(json, 'utf8') > maxBytes)) {
    throw new CacheError('TOO_LARGE', `the value is larger than ${maxBytes} bytes as JSON`);
  }
  return json;
}

interface WalkState {
  ancestors: Set<object>;
  budget: number;
  maxBytes: number;
}

function checkJsonData(value: unknown, depth: number, state: WalkState): void {
  state.budget -= 1;
  if (state.budget < 0) throw new CacheError('TOO_LARGE', `the value is larger than ${state.maxBytes} bytes as JSON`);
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw invalidValue('numbers must be finite');
    return;
  }
  if (typeof value !== 'object') throw invalidValue(`a ${typeof value} is not JSON data`);
  if (depth >= MAX_VALUE_DEPTH) throw invalidValue(`values may nest at most ${MAX_VALUE_DEPTH} levels`);
  if (state.ancestors.has(value)) throw invalidValue('the value contains a cycle');
  state.ancestors.add(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      // `i in value` is false for holes, which JSON would turn into null.
      if (!(i in value)) throw invalidValue('arrays must not have holes');
      checkJsonData(value[i], depth + 1, state);
    }
  } else {
    if (!isPlainObject(value)) throw invalidValue('only plain objects are JSON data (no dates, maps or class instances)');
    if (Object.getOwnPropertySymbols(value).length > 0) throw invalidValue('objects must not have symbol keys');
    for (const item of Object.values(value)) checkJsonData(item, depth + 1, state);
  }
  state.ancestors.delete(value);
}

function invalidValue(reason: string): CacheError {
  return new CacheError('INVALID_VALUE', `the value is not plain JSON data: ${reason}`);
}

/**
 * True for `{}` and `Object.create(null)`, also when the object comes from another realm (a value
 * that crossed from a worker thread is built with that realm's `Object.prototype`).
 */
function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto === null) return true;
  if (Object.getPrototypeOf(proto) !== null) return false;
  return Object.prototype.toString.call(value) === '[object Object]';
}
