import { retryDelayMs, statusPollDelayMs } from './retry-policy';

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

describe('statusPollDelayMs', () => {
  const policy = { statusPollMs: 10_000, statusPollMaxMs: 300_000 };

  it.each([
    [0, 10_000],
    [60_000, 10_000],
    [200_000, 20_000],
    [3_600_000, 300_000],
    [-5, 10_000],
  ])('a fax %d ms on its way is polled again after %d ms', (age, expected) => {
    expect(statusPollDelayMs(age, policy)).toBe(expected);
  });

  it('never polls faster than FAX_STATUS_POLL_MS, even with a smaller maximum', () => {
    expect(statusPollDelayMs(10_000_000, { statusPollMs: 50_000, statusPollMaxMs: 1_000 })).toBe(50_000);
  });
});
