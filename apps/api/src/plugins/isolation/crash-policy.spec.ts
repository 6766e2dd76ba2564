import { CrashPolicy, type CrashDecision } from './crash-policy';

const options = { maxCrashes: 5, windowMs: 60_000, backoff: { baseMs: 1000, maxMs: 5000 } };

describe('CrashPolicy', () => {
  it('restarts with doubling delays, capped, and fails at the fifth crash in the window', () => {
    const policy = new CrashPolicy(options);
    const decisions = [0, 1, 2, 3, 4].map((second) => policy.recordCrash(second * 1000));
    expect(decisions).toEqual<CrashDecision[]>([
      { action: 'restart', delayMs: 1000 },
      { action: 'restart', delayMs: 2000 },
      { action: 'restart', delayMs: 4000 },
      { action: 'restart', delayMs: 5000 },
      { action: 'fail', crashes: 5 },
    ]);
  });

  it('forgets crashes older than the window, so a rare crash is always restarted', () => {
    const policy = new CrashPolicy(options);
    const decisions = [0, 1, 2, 3, 4, 5].map((hour) => policy.recordCrash(hour * 3_600_000));
    expect(decisions.every((decision) => decision.action === 'restart' && decision.delayMs === 1000)).toBe(true);
  });

  it.each([
    [1, [{ action: 'fail', crashes: 1 }]],
    [2, [{ action: 'restart', delayMs: 1000 }, { action: 'fail', crashes: 2 }]],
  ])('with maxCrashes %i decides %j', (maxCrashes, expected) => {
    const policy = new CrashPolicy({ ...options, maxCrashes });
    expect(expected.map((_, index) => policy.recordCrash(index))).toEqual(expected);
  });

  it('starts counting afresh after reset()', () => {
    const policy = new CrashPolicy({ ...options, maxCrashes: 2 });
    policy.recordCrash(0);
    policy.reset();
    expect(policy.recordCrash(1)).toEqual({ action: 'restart', delayMs: 1000 });
  });
});
