import { SqliteMutex } from './sqlite-mutex';

describe('SqliteMutex', () => {
  it('runs critical sections one after another, in call order', async () => {
    const mutex = new SqliteMutex();
    const events: string[] = [];
    const section = (name: string, ms: number) =>
      mutex.runExclusive(async () => {
        events.push(`${name} start`);
        await new Promise((resolve) => setTimeout(resolve, ms));
        events.push(`${name} end`);
        return name;
      });

    await expect(Promise.all([section('a', 20), section('b', 1), section('c', 5)])).resolves.toEqual(['a', 'b', 'c']);
    expect(events).toEqual(['a start', 'a end', 'b start', 'b end', 'c start', 'c end']);
  });

  it('releases the lock when a section fails', async () => {
    const mutex = new SqliteMutex();

    await expect(mutex.runExclusive(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(mutex.runExclusive(async () => 'next')).resolves.toBe('next');
  });
});
