import { describeFailure, isOutageStatus, type PhaxioCallFailure } from './phaxio-call-failure';

/** What `health()` answers. */
export interface HealthReport {
  status: 'ok' | 'degraded' | 'down';
  detail?: string;
}

/** Outages in a row after which the instance reports `degraded`. */
const OUTAGES_BEFORE_DEGRADED = 3;

/**
 * Remembers how the latest calls to Phaxio went, so `health()` can answer without a network call:
 * `down` after Phaxio refused the credentials (until a call succeeds again), `degraded` after
 * several outages in a row (5xx, 429, no answer, no connection), else `ok`.
 */
export class ProviderHealth {
  private authRefused: number | null = null;
  private outages = 0;
  private lastOutage = '';

  /** Phaxio answered (any answer that is not an outage or an auth refusal). */
  succeeded(): void {
    this.authRefused = null;
    this.outages = 0;
  }

  /** Records a failed call; aborted calls say nothing about Phaxio and are ignored. */
  failed(failure: PhaxioCallFailure): void {
    if (failure.kind === 'aborted') return;
    if (failure.kind === 'http' && (failure.status === 401 || failure.status === 403)) {
      this.authRefused = failure.status;
      return;
    }
    if (failure.kind === 'http' && !isOutageStatus(failure.status)) {
      this.succeeded();
      return;
    }
    this.outages += 1;
    this.lastOutage = describeFailure(failure);
  }

  /** The current answer; cheap and free of secrets. */
  report(): HealthReport {
    if (this.authRefused !== null) {
      return { status: 'down', detail: `Phaxio refused the API credentials (HTTP ${this.authRefused}); check PHAXIO_API_KEY and PHAXIO_API_SECRET` };
    }
    if (this.outages >= OUTAGES_BEFORE_DEGRADED) return { status: 'degraded', detail: `the last ${this.outages} calls to Phaxio failed (last: ${this.lastOutage})` };
    return { status: 'ok' };
  }
}
