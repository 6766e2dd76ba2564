import { AsyncMutex } from './async-mutex';

describe('AsyncMutex', () => {
  it('runs callers one at a time, in order', async () => {
    const mutex = new AsyncMutex();
    const log: string[] = [];
    const task = (name: string, ms: number) =>
      mutex.runExclusive(async () => {
        log.push(`start ${name}`);
        await new Promise((resolve) => setTimeout(resolve, ms));
        log.push(`end ${name}`);
        return name;
      });

    await expect(Promise.all([task('a', 20), task('b', 1), task('c', 5)])).resolves.toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('releases the lock after a failure and does not pass the failure on', async () => {
    const mutex = new AsyncMutex();
    const failure = new Error('boom');

    await expect(mutex.runExclusive(() => Promise.reject(failure))).rejects.toBe(failure);
    await expect(mutex.runExclusive(async () => 'next')).resolves.toBe('next');
  });
});
