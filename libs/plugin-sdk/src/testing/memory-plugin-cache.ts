import type { PluginCache } from '../contracts/cache';

/**
 * `deps.cache` for tests: in memory, values stored as JSON copies, expiry checked on read. It keeps
 * the host's semantics for what a test usually exercises (copies, TTL, counters); the host's
 * stores add key and size validation on top.
 */
export function createMemoryPluginCache(now: () => number = Date.now): PluginCache {
  const entries = new Map<string, { json: string; expiresAt: number | null }>();
  const live = (key: string): { json: string; expiresAt: number | null } | undefined => {
    const entry = entries.get(key);
    if (entry !== undefined && entry.expiresAt !== null && entry.expiresAt <= now()) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  };
  return {
    get: async <T>(key: string) => {
      const entry = live(key);
      return entry === undefined ? undefined : (JSON.parse(entry.json) as T);
    },
    set: async (key, value, options = {}) => {
      entries.set(key, { json: JSON.stringify(value), expiresAt: options.ttlMs === undefined ? null : now() + options.ttlMs });
    },
    delete: async (key) => {
      const existed = live(key) !== undefined;
      entries.delete(key);
      return existed;
    },
    incr: async (key, by = 1, options = {}) => {
      const entry = live(key);
      const next = (entry === undefined ? 0 : (JSON.parse(entry.json) as number)) + by;
      entries.set(key, { json: JSON.stringify(next), expiresAt: entry?.expiresAt ?? (options.ttlMs === undefined ? null : now() + options.ttlMs) });
      return next;
    },
  };
}
