import { AmiActionTracker } from './ami-action-tracker';

describe('AmiActionTracker', () => {
  it('resolves each action with the response carrying its ActionID, whatever the order', async () => {
    const tracker = new AmiActionTracker();
    const [a, b] = [tracker.nextId(), tracker.nextId()];
    const first = tracker.expect(a, 10_000);
    const second = tracker.expect(b, 10_000);
    expect(tracker.settle({ response: 'Success', actionid: b, ping: 'Pong' })).toBe(true);
    expect(tracker.settle({ response: 'Error', actionid: a })).toBe(true);
    await expect(first).resolves.toEqual({ response: 'Error', actionid: a });
    await expect(second).resolves.toEqual({ response: 'Success', actionid: b, ping: 'Pong' });
    expect(tracker.size).toBe(0);
  });

  it('ignores responses nobody waits for', () => {
    expect(new AmiActionTracker().settle({ response: 'Success', actionid: 'stranger' })).toBe(false);
  });

  it('times an action out and forgets it', async () => {
    const tracker = new AmiActionTracker();
    const id = tracker.nextId();
    await expect(tracker.expect(id, 5)).rejects.toMatchObject({ kind: 'timeout' });
    expect(tracker.settle({ response: 'Success', actionid: id })).toBe(false);
  });

  it('fails every waiting action at once', async () => {
    const tracker = new AmiActionTracker();
    const waiting = [tracker.expect('x', 10_000), tracker.expect('y', 10_000)];
    tracker.failAll(new Error('gone'));
    await expect(Promise.all(waiting)).rejects.toThrow('gone');
    expect(tracker.size).toBe(0);
  });

  it('refuses a duplicate ActionID', async () => {
    const tracker = new AmiActionTracker();
    void tracker.expect('same', 10_000).catch(() => undefined);
    await expect(tracker.expect('same', 10_000)).rejects.toMatchObject({ kind: 'protocol' });
    tracker.failAll(new Error('cleanup'));
  });

  it('makes ids unique per tracker and per process', () => {
    const one = new AmiActionTracker();
    const two = new AmiActionTracker();
    const ids = new Set([one.nextId(), one.nextId(), two.nextId(), two.nextId()]);
    expect(ids.size).toBe(4);
  });
});
