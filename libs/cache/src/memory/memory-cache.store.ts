import { CacheError } from '../cache.error';
import type { CacheStore } from '../cache-store';
import { nextCounterValue } from '../counter-value';

/** Limits of a {@link MemoryCacheStore}, each per namespace (plugin instance). */
export interface MemoryCacheStoreOptions {
  /** Most entries one namespace keeps; the least recently used go first. Default 10 000. */
  maxEntriesPerNamespace?: number;
  /** Most bytes (keys plus JSON values, UTF-8) one namespace keeps. Default 16 MiB. */
  maxBytesPerNamespace?: number;
  /** Clock in epoch milliseconds; tests pass a fake one. Default `Date.now`. */
  now?: () => number;
}

interface Entry {
  json: string;
  bytes: number;
  /** Epoch ms after which the entry is gone; `undefined` for no expiry. */
  expiresAt: number | undefined;
}

interface Namespace {
  /** Insertion order is recency order: the first entry is the least recently used. */
  entries: Map<string, Entry>;
  bytes: number;
  writesSinceSweep: number;
}

const DEFAULT_MAX_ENTRIES = 10_000;
const DEFAULT_MAX_BYTES = 16 * 1024 * 1024;

/**
 * The in-process cache: one LRU map per namespace, so a busy plugin evicts only its own entries.
 * Expiry needs no timer: an entry is checked when it is touched, and expired entries are swept when
 * a namespace is full (at most once per eighth of its size in writes, so a write costs O(1)
 * amortised). Values are kept as JSON text, so callers never share objects.
 *
 * @example
 * const store = new MemoryCacheStore({ maxEntriesPerNamespace: 1000 });
 * const backend = new CacheBackend(store);
 */
export class MemoryCacheStore implements CacheStore {
  readonly kind = 'memory';
  private readonly namespaces = new Map<string, Namespace>();
  private readonly maxEntries: number;
  private readonly maxBytes: number;
  private readonly now: () => number;
  private closed = false;

  constructor(options: MemoryCacheStoreOptions = {}) {
    this.maxEntries = positiveInteger(options.maxEntriesPerNamespace, DEFAULT_MAX_ENTRIES, 'maxEntriesPerNamespace');
    this.maxBytes = positiveInteger(options.maxBytesPerNamespace, DEFAULT_MAX_BYTES, 'maxBytesPerNamespace');
    this.now = options.now ?? Date.now;
  }

  async get(namespace: string, key: string): Promise<string | undefined> {
    const space = this.open(namespace);
    const entry = space && this.live(space, key);
    if (!space || !entry) return undefined;
    this.touch(space, key, entry);
    return entry.json;
  }

  async set(namespace: string, key: string, json: string, ttlMs: number | undefined): Promise<void> {
    const space = this.open(namespace, true);
    this.put(space, key, json, ttlMs === undefined ? undefined : this.now() + ttlMs);
  }

  async delete(namespace: string, key: string): Promise<boolean> {
    const space = this.open(namespace);
    if (!space) return false;
    const entry = this.live(space, key);
    if (entry) this.remove(space, key, entry);
    return entry !== undefined;
  }

  async incr(namespace: string, key: string, by: number, ttlMs: number | undefined): Promise<number> {
    const space = this.open(namespace, true);
    const entry = this.live(space, key);
    const next = nextCounterValue(entry?.json, by, key);
    // An existing counter keeps its expiry; a new one gets the requested TTL.
    const expiresAt = entry ? entry.expiresAt : ttlMs === undefined ? undefined : this.now() + ttlMs;
    this.put(space, key, String(next), expiresAt);
    return next;
  }

  async purge(namespace: string): Promise<number> {
    const space = this.open(namespace);
    if (!space) return 0;
    this.sweep(space);
    const removed = space.entries.size;
    this.namespaces.delete(namespace);
    return removed;
  }

  async ping(): Promise<void> {
    this.open('');
  }

  async close(): Promise<void> {
    this.closed = true;
    this.namespaces.clear();
  }

  private open(namespace: string): Namespace | undefined;
  private open(namespace: string, create: true): Namespace;
  private open(namespace: string, create = false): Namespace | undefined {
    if (this.closed) throw new CacheError('CLOSED', 'the cache was closed');
    let space = this.namespaces.get(namespace);
    if (!space && create) {
      space = { entries: new Map(), bytes: 0, writesSinceSweep: 0 };
      this.namespaces.set(namespace, space);
    }
    return space;
  }

  /** The entry under `key` unless it has expired; an expired one is removed on the way. */
  private live(space: Namespace, key: string): Entry | undefined {
    const entry = space.entries.get(key);
    if (entry && this.expired(entry)) {
      this.remove(space, key, entry);
      return undefined;
    }
    return entry;
  }

  // Same rule as Redis: a key set with PX n at time t still exists at t + n, not after.
  private expired(entry: Entry): boolean {
    return entry.expiresAt !== undefined && this.now() > entry.expiresAt;
  }

  private touch(space: Namespace, key: string, entry: Entry): void {
    space.entries.delete(key);
    space.entries.set(key, entry);
  }

  private put(space: Namespace, key: string, json: string, expiresAt: number | undefined): void {
    const previous = space.entries.get(key);
    if (previous) this.remove(space, key, previous);
    const entry: Entry = { json, bytes: key.length + Buffer.byteLength(json, 'utf8'), expiresAt };
    space.entries.set(key, entry);
    space.bytes += entry.bytes;
    space.writesSinceSweep += 1;
    this.makeRoom(space, key);
  }

  /** Evicts until the namespace is within its limits, never evicting `keep` (the entry just written). */
  private makeRoom(space: Namespace, keep: string): void {
    if (this.fits(space)) return;
    if (space.writesSinceSweep * 8 >= space.entries.size) this.sweep(space);
    for (const [key, entry] of space.entries) {
      if (this.fits(space)) break;
      if (key !== keep) this.remove(space, key, entry);
    }
  }

  private fits(space: Namespace): boolean {
    return space.entries.size <= this.maxEntries && space.bytes <= this.maxBytes;
  }

  private sweep(space: Namespace): void {
    space.writesSinceSweep = 0;
    for (const [key, entry] of space.entries) if (this.expired(entry)) this.remove(space, key, entry);
  }

  private remove(space: Namespace, key: string, entry: Entry): void {
    space.entries.delete(key);
    space.bytes -= entry.bytes;
  }
}

function positiveInteger(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 1) throw new CacheError('CONFIG_INVALID', `${name} must be a positive integer`);
  return value;
}
