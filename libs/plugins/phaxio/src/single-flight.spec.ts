import { SingleFlight } from './single-flight';

describe('SingleFlight', () => {
  it('shares a running task per key and starts a new one afterwards', async () => {
    const flight = new SingleFlight<number>();
    let calls = 0;
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const task = async (): Promise<number> => {
      calls += 1;
      await gate;
      return calls;
    };
    const first = flight.run('a', task);
    const second = flight.run('a', task);
    const other = flight.run('b', async () => 99);
    release();
    expect(await Promise.all([first, second, other])).toEqual([1, 1, 99]);
    expect(await flight.run('a', task)).toBe(2);
  });

  it('forgets a failed task', async () => {
    const flight = new SingleFlight<string>();
    await expect(flight.run('a', () => Promise.reject(new Error('no')))).rejects.toThrow('no');
    expect(await flight.run('a', async () => 'yes')).toBe('yes');
  });
});
