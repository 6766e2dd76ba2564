import { CacheError } from './cache.error';
import { checkInstanceId, DEFAULT_MAX_VALUE_BYTES } from './cache-input';
import type { CacheStore } from './cache-store';
import { NamespacedCache } from './namespaced-cache';
import type { PluginCache } from './plugin-cache';

/** Limits a {@link CacheBackend} applies to every plugin. */
export interface CacheBackendLimits {
  /** Largest value, as UTF-8 JSON. Default 64 KiB. */
  maxValueBytes?: number;
}

/**
 * The gateway's cache: hands each plugin instance its own {@link PluginCache} over one store
 * (memory or Redis). Built by `createCacheBackend`; one per gateway process, closed at shutdown.
 *
 * @example
 * const backend = new CacheBackend(new MemoryCacheStore());
 * const deps = { ...otherDeps, cache: backend.forPlugin(instanceId) };
 * // when the instance is deleted:
 * await backend.purge(instanceId);
 */
export class CacheBackend {
  /** Which store holds the entries. */
  readonly kind: CacheStore['kind'];
  private readonly maxValueBytes: number;
  private closed = false;

  constructor(
    private readonly store: CacheStore,
    limits: CacheBackendLimits = {},
  ) {
    this.kind = store.kind;
    this.maxValueBytes = limits.maxValueBytes ?? DEFAULT_MAX_VALUE_BYTES;
    if (!Number.isSafeInteger(this.maxValueBytes) || this.maxValueBytes < 1) {
      throw new CacheError('CONFIG_INVALID', 'maxValueBytes must be a positive integer');
    }
  }

  /**
   * The cache of one plugin instance; its keys are invisible to every other instance. Throws
   * `INVALID_ARGUMENT` for an id that is not a gateway instance id, `CLOSED` after {@link close}.
   */
  forPlugin(instanceId: string): PluginCache {
    this.assertOpen();
    return new NamespacedCache(this.store, checkInstanceId(instanceId), this.maxValueBytes);
  }

  /** Removes every entry of an instance (when it is deleted or its credentials change); resolves the count. */
  async purge(instanceId: string): Promise<number> {
    this.assertOpen();
    return this.store.purge(checkInstanceId(instanceId));
  }

  /** Resolves when the store answers (for health checks); throws `UNAVAILABLE` otherwise. */
  async ping(): Promise<void> {
    this.assertOpen();
    await this.store.ping();
  }

  /** Closes the store; every later call, also through earlier `forPlugin` results, throws `CLOSED`. */
  async close(): Promise<void> {
    this.closed = true;
    await this.store.close();
  }

  private assertOpen(): void {
    if (this.closed) throw new CacheError('CLOSED', 'the cache was closed');
  }
}
