/**
 * Runs async tasks one at a time per key, in call order; tasks under different keys run freely.
 * Plugins use it to guard check-then-act sequences within one process — "was this idempotency key
 * sent already? if not, send it and record it" — against a concurrent call with the same key.
 *
 * @example
 * const sends = new KeyedMutex();
 * return sends.run(options.idempotencyKey, async () => (await journal.find(key)) ?? sendAndRecord(options));
 */
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<void>>();

  /** Runs `task` once every earlier task under `key` has settled; resolves or rejects like it. */
  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release: () => void = () => undefined;
    const done = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = previous.then(() => done);
    this.tails.set(key, tail);
    await previous;
    try {
      return await task();
    } finally {
      release();
      // Forget the key once nobody queues behind it, so the map does not grow with every job.
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}
