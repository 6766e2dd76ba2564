import { reconnectDelayMs } from './reconnect-backoff';

describe('reconnectDelayMs', () => {
  it.each([
    [1, 1000],
    [2, 2000],
    [3, 4000],
    [5, 16_000],
    [6, 30_000],
    [100, 30_000],
  ])('after %i failures waits %i ms (1 s doubling, 30 s cap)', (failures, delay) => {
    expect(reconnectDelayMs(failures, 1000, 30_000)).toBe(delay);
  });

  it('treats zero failures like the first', () => {
    expect(reconnectDelayMs(0, 250, 1000)).toBe(250);
  });
});
