import { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';
import { CacheError, type CacheErrorCode } from './cache.error';

/** The Redis every machine that runs these tests has (nothing persisted). */
export const TEST_REDIS_URL = 'redis://127.0.0.1:6379';

const RUN = `faxbot-test-${randomBytes(6).toString('hex')}`;
let prefixes = 0;

/** A key prefix no other test, run or program uses: `faxbot-test-<random>:<n>:`. */
export function uniqueKeyPrefix(): string {
  prefixes += 1;
  return `${RUN}:${prefixes}:`;
}

/** A plain client for looking behind the store's back; close it with `quit()`. */
export function rawRedis(): Redis {
  return new Redis(TEST_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
}

/** Deletes every key this test run wrote (all prefixes from {@link uniqueKeyPrefix}). */
export async function deleteTestRunKeys(): Promise<void> {
  const redis = rawRedis();
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${RUN}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    await redis.quit();
  }
}

/** The {@link CacheError} code `action` rejects with; fails when it resolves or rejects otherwise. */
export async function cacheErrorCode(action: Promise<unknown> | (() => unknown)): Promise<CacheErrorCode> {
  try {
    await (typeof action === 'function' ? action() : action);
  } catch (error) {
    if (CacheError.is(error)) return error.code;
    throw new Error(`expected a CacheError, got: ${String(error)}`, { cause: error });
  }
  throw new Error('expected a CacheError, but the operation succeeded');
}

/** Waits `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
