import { runInNewContext } from 'node:vm';
import { cacheErrorCode } from './cache.test-helpers';
import { serializeCacheValue } from './cache-input';

describe('serializeCacheValue', () => {
  it('stops walking a value once it is certainly too large, even when shared parts repeat exponentially', async () => {
    // 40 levels, each holding the level below twice: 2^40 leaves as JSON.
    let value: unknown = 'leaf';
    for (let level = 0; level < 40; level += 1) value = [value, value];
    const started = Date.now();
    expect(await cacheErrorCode(() => serializeCacheValue(value, 1024))).toBe('TOO_LARGE');
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('allows the same object twice when it is not a cycle', () => {
    const shared = { a: 1 };
    expect(serializeCacheValue({ x: shared, y: [shared] }, 1024)).toBe('{"x":{"a":1},"y":[{"a":1}]}');
  });

  it.each([
    ['a symbol key', { [Symbol('s')]: 1 }],
    ['a toJSON method', { toJSON: () => 'x' }],
  ])('refuses an object with %s', async (_label, value) => {
    expect(await cacheErrorCode(() => serializeCacheValue(value, 1024))).toBe('INVALID_VALUE');
  });

  it('accepts plain objects from another realm (a value that crossed from a worker) and still refuses class instances from it', async () => {
    const foreign = runInNewContext('({ jobId: "j1", nested: { n: [1, 2] } })') as object;
    expect(JSON.parse(serializeCacheValue(foreign, 1024))).toEqual({ jobId: 'j1', nested: { n: [1, 2] } });
    const foreignDate = runInNewContext('new Date(0)') as object;
    expect(await cacheErrorCode(() => serializeCacheValue(foreignDate, 1024))).toBe('INVALID_VALUE');
  });
});
