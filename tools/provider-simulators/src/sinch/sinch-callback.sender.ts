import type { SinchCallbackRequest } from './build-sinch-callback';

/** One callback delivery the simulator made (or held back). */
export interface RecordedSinchCallback extends SinchCallbackRequest {
  /** Sequence number of the delivery, from 1. */
  sequence: number;
  /** HTTP status the target answered, or null when it did not answer (see `error`) or is held. */
  status: number | null;
  /** Why the delivery failed (`ECONNREFUSED`, `timeout`...), or null. */
  error: string | null;
  /** Whether this delivery repeats an earlier one (a retry or a duplicate). */
  repeated: boolean;
}

type Waiter = { match: (callback: RecordedSinchCallback) => boolean; resolve: (callback: RecordedSinchCallback) => void };

/**
 * Posts callbacks and records every delivery. Deliveries can be held back and released later (in
 * order or reversed, to deliver them out of order), and tests can wait for one.
 */
export class SinchCallbackSender {
  readonly deliveries: RecordedSinchCallback[] = [];
  private readonly held: Array<{ request: SinchCallbackRequest; repeated: boolean }> = [];
  private readonly waiters: Waiter[] = [];
  private holding = false;
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly abort = new AbortController();

  constructor(private readonly timeoutMs: number) {}

  /** From now on, callbacks are queued instead of posted until {@link release}. */
  hold(): void {
    this.holding = true;
  }

  /** Posts every held callback (reversed: newest first), one after another, and stops holding. */
  async release(order: 'in-order' | 'reversed' = 'in-order'): Promise<RecordedSinchCallback[]> {
    this.holding = false;
    const queue = this.held.splice(0);
    if (order === 'reversed') queue.reverse();
    const results: RecordedSinchCallback[] = [];
    for (const item of queue) results.push(await this.post(item.request, item.repeated));
    return results;
  }

  /** Posts (or holds) one callback; resolves once the target answered or failed. */
  send(request: SinchCallbackRequest, repeated = false): Promise<RecordedSinchCallback | null> {
    if (this.holding) {
      this.held.push({ request, repeated });
      return Promise.resolve(null);
    }
    return this.post(request, repeated);
  }

  /** The last delivery for a fax, or null. */
  last(faxId: string): RecordedSinchCallback | null {
    return [...this.deliveries].reverse().find((callback) => callback.faxId === faxId) ?? null;
  }

  /** Resolves with the first delivery (made or to come) that `match` accepts. */
  waitFor(match: (callback: RecordedSinchCallback) => boolean, timeoutMs: number): Promise<RecordedSinchCallback> {
    const already = this.deliveries.find((callback) => (callback.status !== null || callback.error !== null) && match(callback));
    if (already !== undefined) return Promise.resolve(already);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        match,
        resolve: (callback) => {
          clearTimeout(timer);
          resolve(callback);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(new Error(`no matching Sinch callback within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  /** Abandons deliveries in flight and waits until they have settled. */
  async close(): Promise<void> {
    this.abort.abort();
    await Promise.allSettled([...this.inFlight]);
  }

  private async post(request: SinchCallbackRequest, repeated: boolean): Promise<RecordedSinchCallback> {
    const record: RecordedSinchCallback = { ...request, sequence: this.deliveries.length + 1, status: null, error: null, repeated };
    this.deliveries.push(record);
    const delivery = fetch(request.url, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      signal: AbortSignal.any([AbortSignal.timeout(this.timeoutMs), this.abort.signal]),
    })
      .then(async (response) => {
        await response.arrayBuffer().catch(() => undefined);
        record.status = response.status;
      })
      .catch((error: unknown) => {
        const cause = (error as { cause?: { code?: string } }).cause;
        record.error = cause?.code ?? (error instanceof Error ? error.name : 'error');
      });
    this.inFlight.add(delivery);
    await delivery;
    this.inFlight.delete(delivery);
    for (const waiter of this.waiters.splice(0)) {
      if (waiter.match(record)) waiter.resolve(record);
      else this.waiters.push(waiter);
    }
    return record;
  }
}
