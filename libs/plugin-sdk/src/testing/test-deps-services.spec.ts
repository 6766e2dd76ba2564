import { createTestDeps } from './test-deps';

describe('createTestDeps: cache and metrics', () => {
  it('caches JSON copies, counts and expires entries', async () => {
    const { cache } = createTestDeps({ pluginId: 'acme' });
    const value = { n: 1 };
    await cache.set('k', value);
    value.n = 2;
    expect(await cache.get('k')).toEqual({ n: 1 });
    expect(await cache.incr('hits')).toBe(1);
    expect(await cache.incr('hits', 4)).toBe(5);
    await cache.set('short', 'x', { ttlMs: 1 });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await cache.get('short')).toBeUndefined();
    expect(await cache.delete('k')).toBe(true);
    expect(await cache.delete('k')).toBe(false);
  });

  it('records metric calls in order, timers once when stopped', () => {
    const deps = createTestDeps({ pluginId: 'acme' });
    deps.metrics.increment('sent', { outcome: 'ok' });
    deps.metrics.gauge('queue', 3);
    const stop = deps.metrics.timer('send');
    const seconds = stop({ outcome: 'ok' });
    stop();
    expect(deps.recordedMetrics).toEqual([
      { kind: 'increment', name: 'sent', value: 1, tags: { outcome: 'ok' } },
      { kind: 'gauge', name: 'queue', value: 3, tags: {} },
      { kind: 'timer', name: 'send', value: seconds, tags: { outcome: 'ok' } },
    ]);
  });
});
