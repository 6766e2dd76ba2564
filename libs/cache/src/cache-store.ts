/**
 * Where cache entries live. A store keeps JSON text under (namespace, key) pairs; namespaces never
 * see each other's keys. Callers validate keys, values and TTLs first (see `CacheBackend`), so a
 * store only enforces what depends on the stored data: `incr` throws `NOT_A_COUNTER` for a value
 * that is not a whole number and `OUT_OF_RANGE` past the safe integer range, changing nothing.
 *
 * Both stores share one semantics, proven by the same contract suite: `set` replaces the value and
 * the expiry (none without `ttlMs`), `incr` keeps an existing expiry and sets `ttlMs` only on
 * creation, an expired entry is gone for every operation.
 */
export interface CacheStore {
  readonly kind: 'memory' | 'redis';
  /** The JSON text under the key, or `undefined`. */
  get(namespace: string, key: string): Promise<string | undefined>;
  set(namespace: string, key: string, json: string, ttlMs: number | undefined): Promise<void>;
  /** `true` when a live entry was removed. */
  delete(namespace: string, key: string): Promise<boolean>;
  /** Adds `by` atomically and returns the new value; a missing key starts at 0 and gets `ttlMs`. */
  incr(namespace: string, key: string, by: number, ttlMs: number | undefined): Promise<number>;
  /** Removes every entry of a namespace; resolves how many were removed. */
  purge(namespace: string): Promise<number>;
  /** Resolves when the store answers; throws `UNAVAILABLE` otherwise. */
  ping(): Promise<void>;
  /** Releases connections; later calls throw `CLOSED`. Calling it twice is harmless. */
  close(): Promise<void>;
}
