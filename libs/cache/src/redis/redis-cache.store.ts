import { Redis, type RedisOptions } from 'ioredis';
import { CacheError } from '../cache.error';
import type { CacheStore } from '../cache-store';
import { REDIS_INCR_SCRIPT } from './redis-incr.script';

/** Settings of a {@link RedisCacheStore}. */
export interface RedisCacheStoreOptions {
  /** `redis://[user:password@]host[:port][/db]` or `rediss://…` for TLS (the gateway's `REDIS_URL`). */
  url: string;
  /**
   * Start of every key: `<keyPrefix><instanceId>:<key>`. Letters, digits and `_ . : -`, at most
   * 100 characters. Default `faxbot:cache:`; tests use a unique one per run.
   */
  keyPrefix?: string;
  /** How long a command may wait for an answer (or a connection) before `UNAVAILABLE`. Default 2000 ms. */
  commandTimeoutMs?: number;
  /**
   * Called once when the connection fails, and again only after it has recovered and failed anew;
   * the host logs it. The error never contains the URL's credentials.
   */
  onConnectionError?: (error: CacheError) => void;
}

/** The increment script registered on the client with `defineCommand`. */
interface CacheCommands {
  faxbotCacheIncr(key: string, by: string, ttlMs: string): Promise<string>;
}

const DEFAULT_KEY_PREFIX = 'faxbot:cache:';
// No glob characters, so `<prefix><namespace>:*` matches exactly one namespace in SCAN.
const KEY_PREFIX_PATTERN = /^[A-Za-z0-9_.:-]{1,100}$/;
const DEFAULT_COMMAND_TIMEOUT_MS = 2000;
const SCAN_BATCH = 500;

/**
 * The Redis cache: one key per entry, `<keyPrefix><instanceId>:<key>`, holding the value's JSON,
 * with Redis's own expiry (`PX`). `incr` is a Lua script, so it is atomic across every gateway
 * sharing the server. Connection failures fail fast as `UNAVAILABLE`: a command waits for at most
 * one reconnection attempt, and while the client is known to be reconnecting (backing off to 2 s)
 * commands fail at once.
 *
 * @example
 * const store = new RedisCacheStore({ url: 'redis://127.0.0.1:6379', onConnectionError: (e) => logger.warn(e.message) });
 * const backend = new CacheBackend(store);
 */
export class RedisCacheStore implements CacheStore {
  readonly kind = 'redis';
  private readonly client: Redis & CacheCommands;
  private readonly keyPrefix: string;
  /** The URL without credentials, for messages. */
  private readonly where: string;
  private lastConnectionError: Error | undefined;
  private reportedDown = false;
  private closed = false;

  constructor(options: RedisCacheStoreOptions) {
    this.where = describeRedisUrl(options.url);
    this.keyPrefix = options.keyPrefix ?? DEFAULT_KEY_PREFIX;
    if (!KEY_PREFIX_PATTERN.test(this.keyPrefix)) {
      throw new CacheError('CONFIG_INVALID', `the Redis key prefix must match ${KEY_PREFIX_PATTERN.source}`);
    }
    const timeout = options.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS;
    if (!Number.isSafeInteger(timeout) || timeout < 1) throw new CacheError('CONFIG_INVALID', 'commandTimeoutMs must be a positive integer');

    const clientOptions: RedisOptions & { disconnectTimeout: number } = {
      lazyConnect: true,
      connectTimeout: timeout,
      commandTimeout: timeout,
      // A command waits for one reconnection attempt at most, then fails: a cache must never make
      // a fax wait for an outage. Reconnection itself goes on, backing off to 2 s.
      maxRetriesPerRequest: 1,
      retryStrategy: (attempt) => Math.min(attempt * 100, 2000),
      connectionName: 'faxbot-cache',
      // Read by ioredis though missing from its types: disconnecting a stream that already failed
      // arms a timer of this length, which would hold the process open at shutdown (default 2 s).
      disconnectTimeout: 200,
    };
    this.client = new Redis(options.url, clientOptions) as Redis & CacheCommands;
    this.client.defineCommand('faxbotCacheIncr', { numberOfKeys: 1, lua: REDIS_INCR_SCRIPT });
    // Without a listener ioredis prints every connection error to the console.
    this.client.on('error', (error: Error) => {
      this.lastConnectionError = error;
      if (this.reportedDown || this.closed) return;
      this.reportedDown = true;
      options.onConnectionError?.(new CacheError('UNAVAILABLE', `Redis at ${this.where} is unavailable (${error.message})`, { cause: error }));
    });
    this.client.on('ready', () => {
      this.reportedDown = false;
      this.lastConnectionError = undefined;
    });
  }

  async get(namespace: string, key: string): Promise<string | undefined> {
    const json = await this.run(() => this.client.get(this.fullKey(namespace, key)));
    return json ?? undefined;
  }

  async set(namespace: string, key: string, json: string, ttlMs: number | undefined): Promise<void> {
    const fullKey = this.fullKey(namespace, key);
    await this.run(() => (ttlMs === undefined ? this.client.set(fullKey, json) : this.client.set(fullKey, json, 'PX', ttlMs)));
  }

  async delete(namespace: string, key: string): Promise<boolean> {
    return (await this.run(() => this.client.del(this.fullKey(namespace, key)))) > 0;
  }

  async incr(namespace: string, key: string, by: number, ttlMs: number | undefined): Promise<number> {
    const value = await this.run(() => this.client.faxbotCacheIncr(this.fullKey(namespace, key), String(by), ttlMs === undefined ? '' : String(ttlMs)), key);
    return Number(value);
  }

  async purge(namespace: string): Promise<number> {
    const pattern = `${this.fullKey(namespace, '')}*`;
    let cursor = '0';
    let removed = 0;
    do {
      const [next, keys] = await this.run(() => this.client.scan(cursor, 'MATCH', pattern, 'COUNT', SCAN_BATCH));
      cursor = next;
      if (keys.length > 0) removed += await this.run(() => this.client.unlink(...keys));
    } while (cursor !== '0');
    return removed;
  }

  async ping(): Promise<void> {
    await this.run(() => this.client.ping());
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.client.status === 'ready') {
      try {
        await this.client.quit();
        return;
      } catch {
        // The connection broke while quitting; dropping it is all that is left to do.
      }
    }
    this.client.disconnect();
  }

  private fullKey(namespace: string, key: string): string {
    return `${this.keyPrefix}${namespace}:${key}`;
  }

  private async run<T>(command: () => Promise<T>, key?: string): Promise<T> {
    if (this.closed) throw new CacheError('CLOSED', 'the cache was closed');
    // During a known outage fail at once instead of queueing behind the reconnection backoff.
    if (this.client.status === 'reconnecting' && this.lastConnectionError) {
      throw new CacheError('UNAVAILABLE', `Redis at ${this.where} is unavailable (${this.lastConnectionError.message})`, { cause: this.lastConnectionError });
    }
    try {
      return await command();
    } catch (error) {
      throw this.failure(error, key);
    }
  }

  private failure(error: unknown, key: string | undefined): CacheError {
    if (this.closed) return new CacheError('CLOSED', 'the cache was closed', { cause: error });
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof Error && error.name === 'ReplyError') {
      if (message.includes('FAXBOT_NOT_A_COUNTER')) return new CacheError('NOT_A_COUNTER', `cache key ${key} does not hold a whole number`);
      if (message.includes('FAXBOT_OUT_OF_RANGE')) return new CacheError('OUT_OF_RANGE', `incrementing cache key ${key} would leave the safe integer range`);
      return new CacheError('BACKEND_FAILED', `Redis at ${this.where} refused a command (${message.split('\n')[0]})`, { cause: error });
    }
    // While disconnected the connection error says more than "max retries per request reached".
    const reason = this.client.status !== 'ready' && this.lastConnectionError ? this.lastConnectionError.message : message;
    return new CacheError('UNAVAILABLE', `Redis at ${this.where} is unavailable (${reason})`, { cause: error });
  }
}

/** `redis://host:port/db` without user name or password; throws `CONFIG_INVALID` for other URLs. */
export function describeRedisUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // No cause: the URL parser's error carries the input, password included.
    throw new CacheError('CONFIG_INVALID', 'the Redis URL is not a URL');
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new CacheError('CONFIG_INVALID', `the Redis URL must start with redis:// or rediss://, not ${parsed.protocol}//`);
  }
  return `${parsed.protocol}//${parsed.hostname}:${parsed.port || '6379'}${parsed.pathname === '/' ? '' : parsed.pathname}`;
}
