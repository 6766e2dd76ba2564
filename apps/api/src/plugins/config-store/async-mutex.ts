/**
 * A first-come, first-served async lock: read-modify-write sequences that run under it cannot
 * interleave, so two concurrent saves in one process never build on the same stored version.
 */
export class AsyncMutex {
  private tail: Promise<void> = Promise.resolve();

  /** Runs `fn` once every earlier caller has finished, and releases the lock however `fn` ends. */
  runExclusive<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.tail.then(fn);
    // The next caller waits for this one to settle, but must not inherit its failure.
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}
