import { CacheBackend, type CacheBackendLimits } from './cache-backend';
import { MemoryCacheStore, type MemoryCacheStoreOptions } from './memory/memory-cache.store';
import { RedisCacheStore, type RedisCacheStoreOptions } from './redis/redis-cache.store';

/** What {@link createCacheBackend} needs; the app maps its validated config onto it. */
export interface CacheBackendOptions extends CacheBackendLimits {
  /** The gateway's `REDIS_URL`. Set: entries live in Redis. Absent or empty: in memory. */
  redisUrl?: string;
  /** Limits of the memory store (ignored with Redis). */
  memory?: MemoryCacheStoreOptions;
  /** Key prefix, timeout and error hook of the Redis store (ignored without `redisUrl`). */
  redis?: Omit<RedisCacheStoreOptions, 'url'>;
}

/**
 * Builds the gateway's cache: Redis when `redisUrl` is set, memory otherwise. Nothing connects
 * until the first command; call `ping()` at boot to fail early. Throws `CONFIG_INVALID` for a
 * malformed URL or limit.
 *
 * @example
 * const cache = createCacheBackend({ redisUrl: config.redisUrl, redis: { onConnectionError: (e) => log.warn(e.message) } });
 * await cache.ping();
 * const acmeCache = cache.forPlugin('acme');
 * // at shutdown
 * await cache.close();
 */
export function createCacheBackend(options: CacheBackendOptions = {}): CacheBackend {
  const store = options.redisUrl ? new RedisCacheStore({ ...options.redis, url: options.redisUrl }) : new MemoryCacheStore(options.memory);
  return new CacheBackend(store, { maxValueBytes: options.maxValueBytes });
}
