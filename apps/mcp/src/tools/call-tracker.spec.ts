import { CallTracker } from './call-tracker';

describe('CallTracker', () => {
  it('is idle at once when nothing runs', async () => {
    await expect(new CallTracker().idle(10)).resolves.toBe(true);
  });

  it('waits for calls in flight, including failing ones', async () => {
    const tracker = new CallTracker();
    let finish: () => void = () => undefined;
    const running = tracker.track(() => new Promise<void>((resolve) => (finish = resolve)));
    const failing = tracker.track(() => Promise.reject(new Error('x'))).catch(() => 'failed');
    expect(await failing).toBe('failed');
    expect(tracker.size).toBe(1);
    const idle = tracker.idle(5_000);
    finish();
    await running;
    await expect(idle).resolves.toBe(true);
  });

  it('gives up after the timeout', async () => {
    const tracker = new CallTracker();
    void tracker.track(() => new Promise(() => undefined));
    await expect(tracker.idle(20)).resolves.toBe(false);
  });
});
