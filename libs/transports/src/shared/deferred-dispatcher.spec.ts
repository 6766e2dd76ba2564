import { DeferredDispatcher } from './deferred-dispatcher';

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('DeferredDispatcher', () => {
  it('delivers on a later turn, in order, to listeners subscribed after the emit', async () => {
    const dispatcher = new DeferredDispatcher(() => undefined);
    const seen: string[] = [];

    dispatcher.emit('a', 1);
    dispatcher.emit('b', 2);
    dispatcher.on('a', (payload: number) => void seen.push(`a${payload}`));
    dispatcher.on('b', (payload: number) => void seen.push(`b${payload}`));
    expect(seen).toEqual([]);
    await nextTurn();

    expect(seen).toEqual(['a1', 'b2']);
  });

  it('isolates listeners that throw or reject and reports them', async () => {
    const failures: string[] = [];
    const dispatcher = new DeferredDispatcher((name, error) => failures.push(`${name}:${(error as Error).message}`));
    const seen: number[] = [];
    dispatcher.on('x', () => {
      throw new Error('sync');
    });
    dispatcher.on('x', () => Promise.reject(new Error('async')));
    dispatcher.on('x', (payload: number) => void seen.push(payload));

    dispatcher.emit('x', 7);
    await nextTurn();
    await nextTurn();

    expect(seen).toEqual([7]);
    expect(failures.sort()).toEqual(['x:async', 'x:sync']);
  });

  it('stops delivering to an unsubscribed listener and after dispose', async () => {
    const dispatcher = new DeferredDispatcher(() => undefined);
    const seen: string[] = [];
    const off = dispatcher.on('x', (payload: string) => void seen.push(payload));

    dispatcher.emit('x', 'queued before dispose');
    dispatcher.dispose();
    dispatcher.emit('x', 'after dispose');
    await nextTurn();
    off();
    off();

    expect(seen).toEqual(['queued before dispose']);
  });
});
