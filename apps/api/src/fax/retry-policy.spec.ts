import { retryDelayMs } from './retry-policy';

describe('retryDelayMs', () => {
  const policy = { retryBaseMs: 1000, retryMaxMs: 10_000 };

  it.each([
    [1, 0, 500],
    [1, 1, 1000],
    [2, 1, 2000],
    [3, 1, 4000],
    [4, 0.5, 6000],
    [10, 1, 10_000],
  ])('attempt %d with random %d waits %d ms', (attempt, random, expected) => {
    expect(retryDelayMs(attempt, policy, () => random)).toBe(expected);
  });
});
