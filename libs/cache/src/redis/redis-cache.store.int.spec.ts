import type { Redis } from 'ioredis';
import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';
import { CacheBackend } from '../cache-backend';
import type { CacheError } from '../cache.error';
import { cacheErrorCode, deleteTestRunKeys, rawRedis, TEST_REDIS_URL, uniqueKeyPrefix } from '../cache.test-helpers';
import { describeRedisUrl, RedisCacheStore } from './redis-cache.store';

// What only the Redis store has: its key layout, Redis-side expiry, connection failures, and data
// written by something other than this package. Shared behaviour is in the contract suite.

let raw: Redis;

beforeAll(async () => {
  raw = rawRedis();
  await raw.connect();
});

afterAll(async () => {
  await raw.quit();
  await deleteTestRunKeys();
});

describe('RedisCacheStore', () => {
  let prefix: string;
  let backend: CacheBackend;

  beforeEach(() => {
    prefix = uniqueKeyPrefix();
    backend = new CacheBackend(new RedisCacheStore({ url: TEST_REDIS_URL, keyPrefix: prefix }));
  });

  afterEach(async () => {
    await backend.close();
  });

  it('stores JSON under <prefix><instanceId>:<key> with a Redis expiry', async () => {
    const cache = backend.forPlugin('acme');
    await cache.set('oauth:token', { t: 'abc' }, { ttlMs: 60_000 });
    await cache.incr('sent');
    expect((await raw.keys(`${prefix}*`)).sort()).toEqual([`${prefix}acme:oauth:token`, `${prefix}acme:sent`]);
    await expect(raw.get(`${prefix}acme:oauth:token`)).resolves.toBe('{"t":"abc"}');
    const ttl = await raw.pttl(`${prefix}acme:oauth:token`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
    await expect(raw.pttl(`${prefix}acme:sent`)).resolves.toBe(-1);
  });

  it('uses faxbot:cache: as the default prefix', async () => {
    // A unique instance id keeps this away from anything else on the server.
    const instanceId = `t${prefix.replace(/[^a-z0-9]/g, '').slice(-20)}`;
    const defaults = new CacheBackend(new RedisCacheStore({ url: TEST_REDIS_URL }));
    try {
      await defaults.forPlugin(instanceId).set('k', 1);
      await expect(raw.get(`faxbot:cache:${instanceId}:k`)).resolves.toBe('1');
    } finally {
      await defaults.purge(instanceId);
      await defaults.close();
    }
  });

  it.each([
    ['a string of digits with a leading zero', '007'],
    ['minus zero', '-0'],
    ['a plus sign', '+5'],
    ['spaces', ' 5'],
    ['twenty digits', '12345678901234567890'],
  ])('refuses to increment %s written by another program', async (_label, text) => {
    await raw.set(`${prefix}acme:foreign`, text);
    expect(await cacheErrorCode(backend.forPlugin('acme').incr('foreign'))).toBe('NOT_A_COUNTER');
    await expect(raw.get(`${prefix}acme:foreign`)).resolves.toBe(text);
  });

  it('reports a value that is not JSON, or not a string, as BACKEND_FAILED', async () => {
    await raw.set(`${prefix}acme:text`, 'not json');
    await raw.hset(`${prefix}acme:hash`, 'f', 'v');
    const cache = backend.forPlugin('acme');
    expect(await cacheErrorCode(cache.get('text'))).toBe('BACKEND_FAILED');
    expect(await cacheErrorCode(cache.get('hash'))).toBe('BACKEND_FAILED');
    expect(await cacheErrorCode(cache.incr('hash'))).toBe('BACKEND_FAILED');
  });

  it('fails fast with UNAVAILABLE, without credentials, when Redis cannot be reached', async () => {
    const reported: CacheError[] = [];
    const down = new CacheBackend(
      new RedisCacheStore({ url: 'redis://faxbot:s3cret@127.0.0.1:1/0', onConnectionError: (error) => reported.push(error) }),
    );
    try {
      const cache = down.forPlugin('acme');
      const started = Date.now();
      const failure = await cache.get('k').then(
        () => undefined,
        (error: unknown) => error as CacheError,
      );
      expect(failure?.code).toBe('UNAVAILABLE');
      expect(failure?.message).toContain('redis://127.0.0.1:1/0');
      expect(failure?.message).toContain('ECONNREFUSED');
      expect(failure?.message).not.toContain('s3cret');
      expect(await cacheErrorCode(cache.set('k', 1))).toBe('UNAVAILABLE');
      expect(await cacheErrorCode(cache.incr('k'))).toBe('UNAVAILABLE');
      expect(await cacheErrorCode(down.ping())).toBe('UNAVAILABLE');
      // Generous bound: the point is "no waiting for minutes", not a latency figure.
      expect(Date.now() - started).toBeLessThan(5000);
      expect(reported.map((error) => error.code)).toEqual(['UNAVAILABLE']);
      expect(reported[0].message).not.toContain('s3cret');
    } finally {
      await down.close();
    }
  });

  it('fails fast during an outage and recovers when Redis is back', async () => {
    const proxy = await startProxy(6379);
    const reported: CacheError[] = [];
    const flaky = new CacheBackend(new RedisCacheStore({ url: `redis://127.0.0.1:${proxy.port}`, keyPrefix: prefix, onConnectionError: (error) => reported.push(error) }));
    try {
      const cache = flaky.forPlugin('acme');
      await cache.set('k', 'before');

      await proxy.stop();
      expect(await cacheErrorCode(cache.get('k'))).toBe('UNAVAILABLE');
      const started = Date.now();
      expect(await cacheErrorCode(cache.get('k'))).toBe('UNAVAILABLE');
      expect(Date.now() - started).toBeLessThan(2000);
      expect(reported.map((error) => error.code)).toEqual(['UNAVAILABLE']);

      await proxy.restart();
      await eventually(() => flaky.ping());
      await expect(cache.get('k')).resolves.toBe('before');
    } finally {
      await flaky.close();
      await proxy.stop();
    }
  });

  it('closes a store that never connected', async () => {
    const idle = new CacheBackend(new RedisCacheStore({ url: TEST_REDIS_URL, keyPrefix: prefix }));
    await expect(idle.close()).resolves.toBeUndefined();
    expect(await cacheErrorCode(idle.ping())).toBe('CLOSED');
  });

  it.each([
    ['an http URL', { url: 'http://127.0.0.1:6379' }],
    ['something that is not a URL', { url: 'redis:// bad host' }],
    ['a key prefix with glob characters', { url: TEST_REDIS_URL, keyPrefix: 'faxbot:*:' }],
    ['an empty key prefix', { url: TEST_REDIS_URL, keyPrefix: '' }],
    ['a zero timeout', { url: TEST_REDIS_URL, commandTimeoutMs: 0 }],
  ])('refuses %s', async (_label, options) => {
    expect(await cacheErrorCode(() => new RedisCacheStore(options))).toBe('CONFIG_INVALID');
  });
});

describe('describeRedisUrl', () => {
  it.each([
    ['redis://127.0.0.1:6379', 'redis://127.0.0.1:6379'],
    ['redis://user:pass@cache.internal', 'redis://cache.internal:6379'],
    ['rediss://:pass@cache.internal:6380/2', 'rediss://cache.internal:6380/2'],
  ])('describes %s without credentials', (url, expected) => {
    expect(describeRedisUrl(url)).toBe(expected);
  });

  it('does not echo a malformed URL, which may hold a password', () => {
    let error: unknown;
    try {
      describeRedisUrl('redis://user:s3cret@bad host:6379');
    } catch (caught) {
      error = caught;
    }
    expect(error).toMatchObject({ code: 'CONFIG_INVALID' });
    expect((error as Error).cause).toBeUndefined();
    expect((error as Error).message).not.toContain('s3cret');
  });
});

interface Proxy {
  port: number;
  stop(): Promise<void>;
  restart(): Promise<void>;
}

/** A TCP relay to Redis that can be cut and restored on the same port, to play an outage. */
async function startProxy(targetPort: number): Promise<Proxy> {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const next = createServer((client) => {
        const upstream = connect(targetPort, '127.0.0.1');
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on('error', () => undefined);
          socket.on('close', () => sockets.delete(socket));
        }
        client.pipe(upstream).pipe(client);
        client.on('close', () => upstream.destroy());
        upstream.on('close', () => client.destroy());
      });
      next.once('error', reject);
      next.listen(port, '127.0.0.1', () => {
        port = (next.address() as AddressInfo).port;
        server = next;
        resolve();
      });
    });
  const stop = async () => {
    const closing = server;
    server = undefined;
    for (const socket of sockets) socket.destroy();
    if (closing) await new Promise<void>((resolve) => closing.close(() => resolve()));
  };
  await listen();
  return { port, stop, restart: listen };
}

/** Retries `check` until it resolves, for at most 10 s (reconnection backs off to 2 s). */
async function eventually(check: () => Promise<unknown>): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
