import { CacheBackend } from './cache-backend';
import { DEFAULT_MAX_VALUE_BYTES, MAX_CACHE_KEY_LENGTH, MAX_CACHE_TTL_MS } from './cache-input';
import { cacheErrorCode, deleteTestRunKeys, sleep, TEST_REDIS_URL, uniqueKeyPrefix } from './cache.test-helpers';
import { createCacheBackend } from './create-cache-backend';
import type { PluginCache } from './plugin-cache';

// One suite, two stores: whatever a plugin can observe must be the same in memory and in Redis.
// Each test gets its own Redis key prefix; every key of the run is deleted at the end.
//
// Timing: a TTL is only ever asserted in the direction time cannot break. "Gone" is checked after
// sleeping well past a short TTL (Redis and the memory store both compare against a clock that only
// moves forward); "still there" is checked with a TTL of minutes. Nothing waits for a timer to fire.

interface StoreUnderTest {
  /** A backend over the store; with the same `prefix`, Redis backends share data (memory ones never do). */
  open(prefix: string): CacheBackend;
  /** Whether two backends opened with one prefix see the same entries (separate Redis connections). */
  shared: boolean;
}

const STORES: Array<[string, StoreUnderTest]> = [
  ['memory', { open: () => createCacheBackend(), shared: false }],
  ['redis', { open: (prefix) => createCacheBackend({ redisUrl: TEST_REDIS_URL, redis: { keyPrefix: prefix } }), shared: true }],
];

const SHORT_TTL_MS = 25;
const PAST_SHORT_TTL_MS = 120;
const LONG_TTL_MS = 10 * 60_000;

afterAll(async () => {
  await deleteTestRunKeys();
});

describe.each(STORES)('cache contract on %s', (_name, store) => {
  let prefix: string;
  let backend: CacheBackend;
  let cache: PluginCache;
  const extraBackends: CacheBackend[] = [];

  beforeEach(() => {
    prefix = uniqueKeyPrefix();
    backend = store.open(prefix);
    cache = backend.forPlugin('acme');
  });

  afterEach(async () => {
    await backend.close();
    await Promise.all(extraBackends.splice(0).map((extra) => extra.close()));
  });

  /** A second client of the same data: another connection for Redis, the same backend for memory. */
  function secondClient(): CacheBackend {
    if (!store.shared) return backend;
    const extra = store.open(prefix);
    extraBackends.push(extra);
    return extra;
  }

  describe('get and set', () => {
    it('resolves undefined for a key never set', async () => {
      await expect(cache.get('missing')).resolves.toBeUndefined();
    });

    it.each<[string, unknown]>([
      ['a string', 'hello'],
      ['an empty string', ''],
      ['unicode, astral and lone surrogates', 'fax ✓ 📠 \ud800 end'],
      ['an integer', 42],
      ['a negative fraction', -0.125],
      ['zero', 0],
      ['true', true],
      ['false', false],
      ['null', null],
      ['an empty object', {}],
      ['an empty array', []],
      ['nested data', { token: 'abc', expires: 1_700_000_000_000, scopes: ['send', 'status'], meta: { region: 'eu', retry: null } }],
      ['an object without a prototype', Object.assign(Object.create(null) as object, { a: 1 })],
    ])('round-trips %s', async (_label, value) => {
      await cache.set('value', value);
      await expect(cache.get('value')).resolves.toEqual(value);
    });

    it('keeps a copy: changing the stored object or a read copy changes nothing', async () => {
      const value = { list: [1, 2], inner: { flag: true } };
      await cache.set('copy', value);
      value.list.push(3);
      const first = await cache.get<typeof value>('copy');
      first!.inner.flag = false;
      await expect(cache.get('copy')).resolves.toEqual({ list: [1, 2], inner: { flag: true } });
    });

    it('replaces the previous value', async () => {
      await cache.set('key', 'one');
      await cache.set('key', { two: 2 });
      await expect(cache.get('key')).resolves.toEqual({ two: 2 });
    });
  });

  describe('expiry', () => {
    it('drops an entry once its TTL has passed', async () => {
      await cache.set('short', 'soon gone', { ttlMs: SHORT_TTL_MS });
      await sleep(PAST_SHORT_TTL_MS);
      await expect(cache.get('short')).resolves.toBeUndefined();
      await expect(cache.delete('short')).resolves.toBe(false);
    });

    it('keeps an entry within its TTL', async () => {
      await cache.set('long', 'still here', { ttlMs: LONG_TTL_MS });
      await expect(cache.get('long')).resolves.toBe('still here');
    });

    it('clears the TTL when a value is set again without one', async () => {
      await cache.set('renewed', 'first', { ttlMs: SHORT_TTL_MS });
      await cache.set('renewed', 'second');
      await sleep(PAST_SHORT_TTL_MS);
      await expect(cache.get('renewed')).resolves.toBe('second');
    });

    it('gives a TTL to a value that had none when set again with one', async () => {
      await cache.set('limited', 'first');
      await cache.set('limited', 'second', { ttlMs: SHORT_TTL_MS });
      await sleep(PAST_SHORT_TTL_MS);
      await expect(cache.get('limited')).resolves.toBeUndefined();
    });

    it('accepts the largest TTL', async () => {
      await cache.set('month', 1, { ttlMs: MAX_CACHE_TTL_MS });
      await expect(cache.get('month')).resolves.toBe(1);
    });
  });

  describe('delete', () => {
    it('removes an entry and says whether there was one', async () => {
      await cache.set('gone', 'x');
      await expect(cache.delete('gone')).resolves.toBe(true);
      await expect(cache.get('gone')).resolves.toBeUndefined();
      await expect(cache.delete('gone')).resolves.toBe(false);
      await expect(cache.delete('never-set')).resolves.toBe(false);
    });
  });

  describe('incr', () => {
    it('starts a missing counter at 0, steps by 1 by default, and reads back as a number', async () => {
      await expect(cache.incr('hits')).resolves.toBe(1);
      await expect(cache.incr('hits')).resolves.toBe(2);
      await expect(cache.incr('hits', 10)).resolves.toBe(12);
      await expect(cache.incr('hits', -15)).resolves.toBe(-3);
      await expect(cache.incr('hits', 0)).resolves.toBe(-3);
      await expect(cache.get('hits')).resolves.toBe(-3);
    });

    it('creates a counter from a negative or zero step', async () => {
      await expect(cache.incr('down', -2)).resolves.toBe(-2);
      await expect(cache.incr('zero', 0)).resolves.toBe(0);
      await expect(cache.get('zero')).resolves.toBe(0);
    });

    it('increments a whole number stored with set', async () => {
      await cache.set('n', 41);
      await expect(cache.incr('n')).resolves.toBe(42);
    });

    it.each<[string, unknown]>([
      ['a string of digits', '5'],
      ['a fraction', 1.5],
      ['an object', { n: 1 }],
      ['null', null],
      ['true', true],
      ['a number beyond the safe range', 2 ** 53],
      ['a number in exponent form', 1e21],
    ])('refuses to increment %s and leaves it alone', async (_label, value) => {
      await cache.set('not-counter', value);
      expect(await cacheErrorCode(cache.incr('not-counter'))).toBe('NOT_A_COUNTER');
      await expect(cache.get('not-counter')).resolves.toEqual(value);
    });

    it('is exact up to the edge of the safe integer range and refuses to pass it', async () => {
      await cache.set('edge', Number.MAX_SAFE_INTEGER - 1);
      await expect(cache.incr('edge')).resolves.toBe(Number.MAX_SAFE_INTEGER);
      expect(await cacheErrorCode(cache.incr('edge'))).toBe('OUT_OF_RANGE');
      await expect(cache.get('edge')).resolves.toBe(Number.MAX_SAFE_INTEGER);

      await cache.set('low', -Number.MAX_SAFE_INTEGER);
      expect(await cacheErrorCode(cache.incr('low', -1))).toBe('OUT_OF_RANGE');
      await expect(cache.incr('low', Number.MAX_SAFE_INTEGER)).resolves.toBe(0);
    });

    it('applies the TTL when it creates the counter', async () => {
      await expect(cache.incr('window', 1, { ttlMs: SHORT_TTL_MS })).resolves.toBe(1);
      await sleep(PAST_SHORT_TTL_MS);
      await expect(cache.get('window')).resolves.toBeUndefined();
      await expect(cache.incr('window', 1, { ttlMs: LONG_TTL_MS })).resolves.toBe(1);
    });

    it('ignores the TTL when the counter already exists', async () => {
      await expect(cache.incr('lasting')).resolves.toBe(1);
      await expect(cache.incr('lasting', 1, { ttlMs: SHORT_TTL_MS })).resolves.toBe(2);
      await sleep(PAST_SHORT_TTL_MS);
      await expect(cache.get('lasting')).resolves.toBe(2);
    });

    it('keeps the expiry of an existing entry', async () => {
      const ttlMs = 250;
      await cache.set('expiring', 5, { ttlMs });
      const value = await cache.incr('expiring');
      await sleep(ttlMs + 100);
      // 6: incremented in time, so the original expiry removed it. 1: the machine stalled past the
      // TTL before the increment, which then created a new counter without expiry. Both are right.
      expect([6, 1]).toContain(value);
      await expect(cache.get('expiring')).resolves.toBe(value === 6 ? undefined : 1);
    });

    it('loses no update under concurrent increments from two clients', async () => {
      const clients = [cache, secondClient().forPlugin('acme')];
      const results = await Promise.all(Array.from({ length: 200 }, (_unused, i) => clients[i % 2].incr('race')));
      expect([...results].sort((a, b) => a - b)).toEqual(Array.from({ length: 200 }, (_unused, i) => i + 1));
      await expect(cache.get('race')).resolves.toBe(200);
    });

    it('creates a counter with its TTL exactly once under concurrency', async () => {
      const clients = [cache, secondClient().forPlugin('acme')];
      const results = await Promise.all(Array.from({ length: 50 }, (_unused, i) => clients[i % 2].incr('born', 2, { ttlMs: LONG_TTL_MS })));
      expect(Math.max(...results)).toBe(100);
      expect(new Set(results).size).toBe(50);
    });
  });

  describe('namespacing', () => {
    it('keeps two instances apart for every operation', async () => {
      const other = backend.forPlugin('other-plugin');
      await cache.set('shared-name', 'mine');
      await expect(other.get('shared-name')).resolves.toBeUndefined();
      await expect(other.delete('shared-name')).resolves.toBe(false);
      await other.set('shared-name', 'theirs');
      await expect(other.incr('count', 5)).resolves.toBe(5);
      await expect(cache.incr('count')).resolves.toBe(1);
      await expect(cache.get('shared-name')).resolves.toBe('mine');
      await expect(other.get('shared-name')).resolves.toBe('theirs');
    });

    it('gives two handles of one instance the same entries', async () => {
      await cache.set('k', 'v');
      await expect(secondClient().forPlugin('acme').get('k')).resolves.toBe('v');
    });

    it('does not let a key with a colon reach an instance whose id is a prefix', async () => {
      const acmeB = backend.forPlugin('acme-b');
      await cache.set('b:secret', 'acme');
      await acmeB.set('secret', 'acme-b');
      await expect(cache.get('b:secret')).resolves.toBe('acme');
      await expect(acmeB.get('secret')).resolves.toBe('acme-b');
    });

    it('purges one instance only', async () => {
      const acmeB = backend.forPlugin('acme-b');
      await cache.set('one', 1);
      await cache.incr('two');
      await acmeB.set('one', 'kept');
      await expect(backend.purge('acme')).resolves.toBe(2);
      await expect(cache.get('one')).resolves.toBeUndefined();
      await expect(acmeB.get('one')).resolves.toBe('kept');
      await expect(backend.purge('acme')).resolves.toBe(0);
    });

    it.each(['', 'Acme', 'a', 'acme:b', 'acme*', '1acme', 'acme b', 'x'.repeat(64)])('refuses the instance id %j', async (instanceId) => {
      expect(await cacheErrorCode(() => backend.forPlugin(instanceId))).toBe('INVALID_ARGUMENT');
      expect(await cacheErrorCode(backend.purge(instanceId))).toBe('INVALID_ARGUMENT');
    });
  });

  describe('keys', () => {
    const invalidKeys: unknown[] = ['', 'x'.repeat(MAX_CACHE_KEY_LENGTH + 1), 'with space', 'tab\t', 'new\nline', 'glob*', 'glob?', '[x]', 'back\\slash', 'quote"', 'é', '📠', 42, null, undefined];

    it.each(invalidKeys)('refuses the key %j in every operation', async (key) => {
      const k = key as string;
      expect(await cacheErrorCode(cache.get(k))).toBe('INVALID_KEY');
      expect(await cacheErrorCode(cache.set(k, 1))).toBe('INVALID_KEY');
      expect(await cacheErrorCode(cache.delete(k))).toBe('INVALID_KEY');
      expect(await cacheErrorCode(cache.incr(k))).toBe('INVALID_KEY');
    });

    it.each(['a', 'x'.repeat(MAX_CACHE_KEY_LENGTH), 'oauth:token/v2@eu', 'AZaz09_-.:/@+=', 'sha256:9f86d081884c7d659a2feaa0c55ad015'])('accepts the key %j', async (key) => {
      await cache.set(key, key);
      await expect(cache.get(key)).resolves.toBe(key);
    });
  });

  describe('values and arguments', () => {
    class Token {
      constructor(readonly value: string) {}
    }
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;

    it.each<[string, unknown]>([
      ['undefined', undefined],
      ['a function', () => 1],
      ['a symbol', Symbol('s')],
      ['a bigint', BigInt(1)],
      ['NaN', Number.NaN],
      ['Infinity', Number.POSITIVE_INFINITY],
      ['a Date', new Date(0)],
      ['a Map', new Map()],
      ['a class instance', new Token('t')],
      ['a Buffer', Buffer.from('x')],
      ['an undefined property', { a: undefined }],
      ['a nested NaN', { a: [1, Number.NaN] }],
      ['an array with a hole', [1, , 3]], // eslint-disable-line no-sparse-arrays
      ['a cycle', cyclic],
      ['nesting deeper than 64 levels', JSON.parse('['.repeat(65) + ']'.repeat(65)) as unknown],
    ])('refuses %s and keeps the previous value', async (_label, value) => {
      await cache.set('v', 'previous');
      expect(await cacheErrorCode(cache.set('v', value))).toBe('INVALID_VALUE');
      await expect(cache.get('v')).resolves.toBe('previous');
    });

    it('accepts 64 levels of nesting', async () => {
      const deep = JSON.parse('['.repeat(64) + ']'.repeat(64)) as unknown;
      await cache.set('deep', deep);
      await expect(cache.get('deep')).resolves.toEqual(deep);
    });

    it('accepts a value of exactly the size limit and refuses one byte more, counting UTF-8 bytes', async () => {
      const atLimit = 'x'.repeat(DEFAULT_MAX_VALUE_BYTES - 2); // two quotes
      await cache.set('big', atLimit);
      await expect(cache.get('big')).resolves.toBe(atLimit);
      expect(await cacheErrorCode(cache.set('big', `${atLimit}x`))).toBe('TOO_LARGE');
      // "é" is one UTF-16 unit but two UTF-8 bytes: the limit in characters, one byte over in UTF-8.
      expect(await cacheErrorCode(cache.set('big', `${'x'.repeat(DEFAULT_MAX_VALUE_BYTES - 3)}é`))).toBe('TOO_LARGE');
      await expect(cache.get('big')).resolves.toBe(atLimit);
    });

    it.each<[string, unknown]>([
      ['zero', 0],
      ['a negative TTL', -1],
      ['a fraction', 1.5],
      ['NaN', Number.NaN],
      ['more than 30 days', MAX_CACHE_TTL_MS + 1],
      ['a string', '1000'],
    ])('refuses %s as ttlMs for set and incr', async (_label, ttlMs) => {
      const options = { ttlMs } as { ttlMs: number };
      expect(await cacheErrorCode(cache.set('t', 1, options))).toBe('INVALID_ARGUMENT');
      expect(await cacheErrorCode(cache.incr('t', 1, options))).toBe('INVALID_ARGUMENT');
      await expect(cache.get('t')).resolves.toBeUndefined();
    });

    it.each<[string, unknown]>([
      ['a fraction', 0.5],
      ['NaN', Number.NaN],
      ['a number beyond the safe range', 2 ** 53],
      ['a string', '1'],
    ])('refuses %s as the incr step', async (_label, by) => {
      expect(await cacheErrorCode(cache.incr('s', by as number))).toBe('INVALID_ARGUMENT');
      await expect(cache.get('s')).resolves.toBeUndefined();
    });
  });

  describe('lifecycle', () => {
    it('answers ping while open', async () => {
      await expect(backend.ping()).resolves.toBeUndefined();
    });

    it('refuses every call after close, also through handles made before', async () => {
      await cache.set('k', 1);
      await backend.close();
      expect(await cacheErrorCode(cache.get('k'))).toBe('CLOSED');
      expect(await cacheErrorCode(cache.set('k', 2))).toBe('CLOSED');
      expect(await cacheErrorCode(cache.delete('k'))).toBe('CLOSED');
      expect(await cacheErrorCode(cache.incr('k'))).toBe('CLOSED');
      expect(await cacheErrorCode(() => backend.forPlugin('acme'))).toBe('CLOSED');
      expect(await cacheErrorCode(backend.ping())).toBe('CLOSED');
      await expect(backend.close()).resolves.toBeUndefined();
    });
  });
});
