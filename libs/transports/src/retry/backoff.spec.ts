import { backoffDelay } from './backoff';

describe('backoffDelay', () => {
  const settings = { baseDelayMs: 100, maxDelayMs: 1000 };

  it.each([
    [1, 0, 50],
    [1, 0.999_999, 100],
    [2, 0, 100],
    [3, 0.5, 300],
    [4, 0.999_999, 800],
    [5, 0.999_999, 1000],
    [50, 0, 500],
  ])('retry %i with random %d waits %i ms', (retry, random, expected) => {
    expect(backoffDelay(retry, { ...settings, random: () => random })).toBe(expected);
  });

  it('stays within 50–100 % of the capped exponential delay', () => {
    for (let retry = 1; retry <= 10; retry += 1) {
      const ceiling = Math.min(1000, 100 * 2 ** (retry - 1));
      const delay = backoffDelay(retry, settings);
      expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
      expect(delay).toBeLessThanOrEqual(ceiling);
    }
  });
});
