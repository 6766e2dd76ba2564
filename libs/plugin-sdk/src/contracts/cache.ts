/** Options of {@link PluginCache.set}. */
export interface CacheSetOptions {
  /**
   * Time to live in milliseconds: a whole number from 1 to 2 592 000 000 (30 days). Without it the
   * entry has no expiry (it may still be evicted). A `set` always replaces the previous expiry.
   */
  ttlMs?: number;
}

/** Options of {@link PluginCache.incr}. */
export interface CacheIncrOptions {
  /**
   * Time to live in milliseconds (1 to 30 days), applied only when this call creates the counter.
   * Incrementing an existing counter keeps its expiry, so a fixed window is easy to build.
   */
  ttlMs?: number;
}

/**
 * What a failed cache call throws, as the `code` of the error (the error's `name` is `CacheError`).
 * Messages name keys, never values.
 *
 * - `INVALID_KEY`: the key is not 1-200 characters of letters, digits and `_ - . : / @ + =`.
 * - `INVALID_VALUE`: the value is not plain JSON data (see {@link PluginCache.set}).
 * - `TOO_LARGE`: the value's JSON is larger than the host allows (64 KiB unless configured).
 * - `INVALID_ARGUMENT`: a `ttlMs` or an `incr` step is out of range.
 * - `NOT_A_COUNTER`: `incr` found a value that is not a whole number.
 * - `OUT_OF_RANGE`: `incr` would leave the safe integer range (±(2^53 - 1)); nothing changed.
 * - `UNAVAILABLE`: the cache server cannot be reached or did not answer in time.
 * - `BACKEND_FAILED`: the cache server answered with an unexpected error.
 * - `CLOSED`: the gateway is shutting down.
 */
export type CacheErrorCode =
  | 'INVALID_KEY'
  | 'INVALID_VALUE'
  | 'TOO_LARGE'
  | 'INVALID_ARGUMENT'
  | 'NOT_A_COUNTER'
  | 'OUT_OF_RANGE'
  | 'UNAVAILABLE'
  | 'BACKEND_FAILED'
  | 'CLOSED';

/**
 * A small key-value cache that belongs to one plugin instance (`deps.cache`). Keys are private to
 * the instance: no other plugin or instance can read, overwrite or delete them. The host keeps the
 * entries in memory, or in Redis when the operator sets `REDIS_URL`; both behave the same, except
 * that Redis entries survive a gateway restart and are shared by every gateway using that Redis.
 *
 * A cache is not storage: any entry may disappear before its TTL (a bounded memory cache evicts the
 * least recently used entries; Redis may evict under memory pressure). Keep what you must not lose
 * in `deps.dataDir`.
 *
 * PHI: keys and values may be kept outside the gateway (in Redis). Never use a phone number, a file
 * name or document content as a key or in a value; hash it first if you must look it up.
 *
 * Every method throws an error whose `code` is a {@link CacheErrorCode}. When the cache is
 * `UNAVAILABLE` or `BACKEND_FAILED`, treat it as a miss rather than failing the fax.
 *
 * @example
 * async function accessToken(deps: PluginDeps, fetchToken: () => Promise<{ token: string; expiresInSeconds: number }>) {
 *   const cached = await deps.cache.get<string>('oauth:token');
 *   if (cached !== undefined) return cached;
 *   const fresh = await fetchToken();
 *   await deps.cache.set('oauth:token', fresh.token, { ttlMs: (fresh.expiresInSeconds - 60) * 1000 });
 *   return fresh.token;
 * }
 */
export interface PluginCache {
  /**
   * The value stored under `key`, or `undefined` when there is none or it has expired. Each call
   * returns a fresh copy. The type argument is not checked: it only saves a cast.
   *
   * @example
   * const session = await deps.cache.get<{ id: string; region: string }>('session');
   */
  get<T = unknown>(key: string): Promise<T | undefined>;

  /**
   * Stores a copy of `value` under `key`, replacing any previous value and expiry. `value` must be
   * plain JSON data: `null`, booleans, finite numbers, strings, arrays and plain objects of those,
   * at most 64 levels deep. `undefined`, functions, `NaN`, `Infinity`, dates, maps, class instances
   * and cycles are refused with `INVALID_VALUE` (use {@link PluginCache.delete} to remove a key).
   *
   * @example
   * await deps.cache.set('rate:limits', { perMinute: 30 }, { ttlMs: 5 * 60_000 });
   */
  set(key: string, value: unknown, options?: CacheSetOptions): Promise<void>;

  /**
   * Removes `key`. Resolves `true` when there was a live entry to remove.
   *
   * @example
   * await deps.cache.delete('oauth:token'); // after the provider rejected the token
   */
  delete(key: string): Promise<boolean>;

  /**
   * Atomically adds `by` (a safe integer, default 1, may be negative) to the whole number stored
   * under `key` and resolves the new value. A missing key counts as 0 and is created with
   * `options.ttlMs`, if given. Concurrent calls, even from several gateways sharing Redis, never
   * lose an update. A counter is an ordinary value: `get` returns it as a number.
   *
   * @example
   * // At most 10 sends per minute for this instance.
   * const sent = await deps.cache.incr(`sent:${Math.floor(Date.now() / 60_000)}`, 1, { ttlMs: 120_000 });
   * if (sent > 10) throw new FaxbotError('PROVIDER_UNAVAILABLE', 'local rate limit reached', { retryable: true });
   */
  incr(key: string, by?: number, options?: CacheIncrOptions): Promise<number>;
}
