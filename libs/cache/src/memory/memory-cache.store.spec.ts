import { CacheBackend } from '../cache-backend';
import { cacheErrorCode } from '../cache.test-helpers';
import { MemoryCacheStore, type MemoryCacheStoreOptions } from './memory-cache.store';

// What only the memory store has: bounds per namespace and an injectable clock. The behaviour it
// shares with Redis is in cache-backend.contract.int.spec.ts.

function memoryCache(options: MemoryCacheStoreOptions = {}) {
  let now = 1_000_000;
  const store = new MemoryCacheStore({ ...options, now: () => now });
  const backend = new CacheBackend(store);
  return {
    store,
    backend,
    advance(ms: number) {
      now += ms;
    },
  };
}

describe('MemoryCacheStore', () => {
  it('expires an entry exactly after its TTL, like Redis: present at the deadline, gone 1 ms later', async () => {
    const { backend, advance } = memoryCache();
    const cache = backend.forPlugin('acme');
    await cache.set('k', 'v', { ttlMs: 1000 });
    advance(1000);
    await expect(cache.get('k')).resolves.toBe('v');
    advance(1);
    await expect(cache.get('k')).resolves.toBeUndefined();
  });

  it('keeps the expiry of a counter across increments', async () => {
    const { backend, advance } = memoryCache();
    const cache = backend.forPlugin('acme');
    await cache.incr('window', 1, { ttlMs: 1000 });
    advance(900);
    await expect(cache.incr('window', 1, { ttlMs: 1000 })).resolves.toBe(2);
    advance(101);
    await expect(cache.get('window')).resolves.toBeUndefined();
  });

  it('evicts the least recently used entry when a namespace holds too many', async () => {
    const { backend } = memoryCache({ maxEntriesPerNamespace: 3 });
    const cache = backend.forPlugin('acme');
    await cache.set('a', 1);
    await cache.set('b', 2);
    await cache.set('c', 3);
    await cache.get('a'); // now b is the least recently used
    await cache.set('d', 4);
    await expect(Promise.all(['a', 'b', 'c', 'd'].map((key) => cache.get(key)))).resolves.toEqual([1, undefined, 3, 4]);
  });

  it('counts an increment as a use', async () => {
    const { backend } = memoryCache({ maxEntriesPerNamespace: 2 });
    const cache = backend.forPlugin('acme');
    await cache.incr('counter');
    await cache.set('other', 'x');
    await cache.incr('counter');
    await cache.set('third', 'y');
    await expect(cache.get('counter')).resolves.toBe(2);
    await expect(cache.get('other')).resolves.toBeUndefined();
  });

  it('evicts by bytes (key plus UTF-8 JSON) too', async () => {
    const { backend } = memoryCache({ maxBytesPerNamespace: 30 });
    const cache = backend.forPlugin('acme');
    await cache.set('k1', 'aaaaaaaaaa'); // 2 + 12 bytes
    await cache.set('k2', 'bbbbbbbbbb'); // 28 in all
    await cache.set('k3', 'é'); // 2 + 4 bytes: k1 must go
    await expect(Promise.all(['k1', 'k2', 'k3'].map((key) => cache.get(key)))).resolves.toEqual([undefined, 'bbbbbbbbbb', 'é']);
  });

  it('sweeps expired entries before evicting live ones', async () => {
    const { backend, advance } = memoryCache({ maxEntriesPerNamespace: 3 });
    const cache = backend.forPlugin('acme');
    await cache.set('live-old', 1);
    await cache.set('short-1', 2, { ttlMs: 10 });
    await cache.set('short-2', 3, { ttlMs: 10 });
    advance(11);
    await cache.set('new', 4);
    await expect(cache.get('live-old')).resolves.toBe(1);
    await expect(cache.get('new')).resolves.toBe(4);
  });

  it('bounds each namespace on its own: a busy plugin never evicts another', async () => {
    const { backend } = memoryCache({ maxEntriesPerNamespace: 2 });
    const quiet = backend.forPlugin('quiet');
    const busy = backend.forPlugin('busy');
    await quiet.set('keep', 'me');
    for (let i = 0; i < 50; i += 1) await busy.set(`k${i}`, i);
    await expect(quiet.get('keep')).resolves.toBe('me');
    await expect(busy.get('k48')).resolves.toBe(48);
    await expect(busy.get('k0')).resolves.toBeUndefined();
  });

  it('keeps the entry just written even when it alone exceeds the byte bound', async () => {
    const { backend } = memoryCache({ maxBytesPerNamespace: 8 });
    const cache = backend.forPlugin('acme');
    await cache.set('small', 1);
    await cache.set('large', 'more than eight bytes');
    await expect(cache.get('large')).resolves.toBe('more than eight bytes');
    await expect(cache.get('small')).resolves.toBeUndefined();
  });

  it('does not count expired entries when purging', async () => {
    const { backend, advance } = memoryCache();
    const cache = backend.forPlugin('acme');
    await cache.set('live', 1);
    await cache.set('dead', 2, { ttlMs: 5 });
    advance(6);
    await expect(backend.purge('acme')).resolves.toBe(1);
  });

  it.each<[string, MemoryCacheStoreOptions]>([
    ['zero entries', { maxEntriesPerNamespace: 0 }],
    ['a fractional entry limit', { maxEntriesPerNamespace: 1.5 }],
    ['a negative byte limit', { maxBytesPerNamespace: -1 }],
  ])('refuses %s', async (_label, options) => {
    expect(await cacheErrorCode(() => new MemoryCacheStore(options))).toBe('CONFIG_INVALID');
  });
});
