import { cacheErrorCode, TEST_REDIS_URL } from './cache.test-helpers';
import { createCacheBackend } from './create-cache-backend';

describe('createCacheBackend', () => {
  it.each([
    ['no Redis URL', {}, 'memory'],
    ['an empty Redis URL', { redisUrl: '' }, 'memory'],
    ['a Redis URL', { redisUrl: TEST_REDIS_URL }, 'redis'],
  ] as const)('picks the store from %s', async (_label, options, kind) => {
    const backend = createCacheBackend(options);
    try {
      expect(backend.kind).toBe(kind);
    } finally {
      await backend.close();
    }
  });

  it('applies maxValueBytes', async () => {
    const backend = createCacheBackend({ maxValueBytes: 10 });
    try {
      const cache = backend.forPlugin('acme');
      await cache.set('k', '12345678'); // 10 bytes with the quotes
      expect(await cacheErrorCode(cache.set('k', '123456789'))).toBe('TOO_LARGE');
    } finally {
      await backend.close();
    }
  });

  it.each([
    ['a malformed Redis URL', { redisUrl: 'localhost:6379' }],
    ['a zero value limit', { maxValueBytes: 0 }],
  ])('refuses %s', async (_label, options) => {
    expect(await cacheErrorCode(() => createCacheBackend(options))).toBe('CONFIG_INVALID');
  });
});
