import { CacheError } from './cache.error';

// The JSON of a whole number, as JSON.stringify writes one and Redis INCRBY accepts it.
const INTEGER_TEXT = /^-?(0|[1-9][0-9]*)$/;

/**
 * The value `incr` stores: `current` (JSON text, `undefined` for a missing key) plus `by`. Throws
 * `NOT_A_COUNTER` when `current` is not a safe integer and `OUT_OF_RANGE` when the sum is not.
 * The Redis store's script applies the same two rules.
 */
export function nextCounterValue(current: string | undefined, by: number, key: string): number {
  let value = 0;
  if (current !== undefined) {
    value = Number(current);
    if (!INTEGER_TEXT.test(current) || !Number.isSafeInteger(value)) {
      throw new CacheError('NOT_A_COUNTER', `cache key ${key} does not hold a whole number`);
    }
  }
  const next = value + by;
  if (!Number.isSafeInteger(next)) throw new CacheError('OUT_OF_RANGE', `incrementing cache key ${key} would leave the safe integer range`);
  return next;
}
