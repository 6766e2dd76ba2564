export type { CacheIncrOptions, CacheSetOptions, PluginCache } from './plugin-cache';
export { CacheError, type CacheErrorCode } from './cache.error';
export { DEFAULT_MAX_VALUE_BYTES, MAX_CACHE_KEY_LENGTH, MAX_CACHE_TTL_MS } from './cache-input';
export type { CacheStore } from './cache-store';
export { CacheBackend, type CacheBackendLimits } from './cache-backend';
export { createCacheBackend, type CacheBackendOptions } from './create-cache-backend';
export { MemoryCacheStore, type MemoryCacheStoreOptions } from './memory/memory-cache.store';
export { RedisCacheStore, type RedisCacheStoreOptions } from './redis/redis-cache.store';
