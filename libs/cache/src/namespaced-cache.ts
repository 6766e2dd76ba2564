import { CacheError } from './cache.error';
import { checkCacheKey, checkIncrStep, checkTtlMs, serializeCacheValue } from './cache-input';
import type { CacheStore } from './cache-store';
import type { CacheIncrOptions, CacheSetOptions, PluginCache } from './plugin-cache';

/**
 * One plugin instance's view of a store: every call validates its input and then works inside
 * the instance's namespace only, so the instance id (fixed at construction) is the only
 * namespace this object can reach.
 */
export class NamespacedCache implements PluginCache {
  constructor(
    private readonly store: CacheStore,
    private readonly namespace: string,
    private readonly maxValueBytes: number,
  ) {}

  async get<T = unknown>(key: string): Promise<T | undefined> {
    const json = await this.store.get(this.namespace, checkCacheKey(key));
    if (json === undefined) return undefined;
    try {
      return JSON.parse(json) as T;
    } catch (error) {
      // Only something other than this package can have written it (another program on the Redis).
      throw new CacheError('BACKEND_FAILED', `cache key ${key} holds a value that is not JSON`, { cause: error });
    }
  }

  async set(key: string, value: unknown, options: CacheSetOptions = {}): Promise<void> {
    checkCacheKey(key);
    const ttlMs = checkTtlMs(options.ttlMs);
    await this.store.set(this.namespace, key, serializeCacheValue(value, this.maxValueBytes), ttlMs);
  }

  async delete(key: string): Promise<boolean> {
    return this.store.delete(this.namespace, checkCacheKey(key));
  }

  async incr(key: string, by?: number, options: CacheIncrOptions = {}): Promise<number> {
    checkCacheKey(key);
    const step = checkIncrStep(by);
    const ttlMs = checkTtlMs(options.ttlMs);
    return this.store.incr(this.namespace, key, step, ttlMs);
  }
}
