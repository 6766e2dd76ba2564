import type { PhaxioFailureMode, PhaxioRoute } from './phaxio-simulator-options';

/** Failures queued by a test, each consumed by a later request of its route, in order. */
export class PhaxioFailureQueue {
  private readonly queued: Array<{ mode: PhaxioFailureMode; route: PhaxioRoute; skip: number }> = [];

  /**
   * Queues one failure for a request of `route` (`any`: any API request): after `skip` requests
   * of that route went through normally, the next one fails.
   */
  push(mode: PhaxioFailureMode, route: PhaxioRoute, skip = 0): void {
    this.queued.push({ mode, route, skip });
  }

  /** The failure for this request of `route`, removing it from the queue; null to answer normally. */
  take(route: Exclude<PhaxioRoute, 'any'>): PhaxioFailureMode | null {
    const index = this.queued.findIndex((entry) => entry.route === route || entry.route === 'any');
    const entry = this.queued[index];
    if (entry === undefined) return null;
    if (entry.skip > 0) {
      entry.skip -= 1;
      return null;
    }
    this.queued.splice(index, 1);
    return entry.mode;
  }

  /** How many failures are still waiting. */
  get size(): number {
    return this.queued.length;
  }
}
