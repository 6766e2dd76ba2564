/**
 * Counts tool calls in flight, so a stdio server whose client closed stdin can finish (and answer)
 * the calls it already received before it exits.
 */
export class CallTracker {
  private inFlight = 0;
  private waiters: Array<() => void> = [];

  get size(): number {
    return this.inFlight;
  }

  /** Runs `work`, counting it while it runs. */
  async track<T>(work: () => Promise<T>): Promise<T> {
    this.inFlight += 1;
    try {
      return await work();
    } finally {
      this.inFlight -= 1;
      if (this.inFlight === 0) for (const wake of this.waiters.splice(0)) wake();
    }
  }

  /** Resolves when no call is in flight, or after `timeoutMs`; true when idle. */
  idle(timeoutMs: number): Promise<boolean> {
    if (this.inFlight === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }
}
