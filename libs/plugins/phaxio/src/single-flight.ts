/**
 * Runs one task per key at a time: a call for a key whose task is still running gets that task's
 * promise instead of starting another. Guards the look-up-then-send sequence against two
 * concurrent sends of one idempotency key in this process.
 */
export class SingleFlight<T> {
  private readonly running = new Map<string, Promise<T>>();

  /** The running task for `key`, or `task()` started now. */
  run(key: string, task: () => Promise<T>): Promise<T> {
    const current = this.running.get(key);
    if (current !== undefined) return current;
    const started = task().finally(() => this.running.delete(key));
    this.running.set(key, started);
    return started;
  }
}
