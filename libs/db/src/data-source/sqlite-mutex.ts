/**
 * A first-come, first-served async lock. better-sqlite3 gives TypeORM a single connection, and every
 * statement sent while a transaction is open on it becomes part of that transaction; serialising all
 * work through this lock keeps unrelated calls out of each other's transactions.
 */
export class SqliteMutex {
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
