import { inject, injectable } from 'inversify';
import type { Database, FaxJobRecord } from '@faxbot/db';
import { isFinalStatus, type FaxStatus, type StatusResult } from '@faxbot/plugin-sdk';
import { scrubText, type Logger } from '@faxbot/audit';
import type { MetricsRegistry } from '@faxbot/metrics';
import { EventBus } from '../events/event-bus';
import { API_TOKENS } from '../tokens';
import { allowedPredecessors } from './status-transitions';

/**
 * Who reported a status: the send call, a status poll, a provider webhook, the plugin on its own
 * (`deps.faxStatus`, e.g. from an AMI event), the worker itself, or an API request (a cancel).
 */
export type StatusSource = 'send' | 'poll' | 'webhook' | 'plugin' | 'worker' | 'api';

/** Fields that may change together with a final status. */
export interface FinishFields {
  providerSid?: string;
  pages?: number | null;
  errorCode?: string | null;
  error?: string | null;
}

/**
 * The one place a fax job's status changes, for the dispatcher (send results, polls) and the
 * webhook route alike. Statuses only move forward (status-transitions.ts) with a compare-and-set
 * in the database, so duplicate, late or out-of-order reports change nothing. Each change that
 * happened is logged and emitted as events.
 */
@injectable()
export class FaxStatusRecorder {
  constructor(
    @inject(API_TOKENS.Database) private readonly db: Database,
    @inject(API_TOKENS.Logger) private readonly logger: Logger,
    @inject(EventBus) private readonly events: EventBus,
    @inject(API_TOKENS.Metrics) private readonly metrics: MetricsRegistry,
  ) {}

  /**
   * Records what the provider reported for `job`. Returns `final` when the job is (now or already)
   * final, `in_progress` when the provider is still working on it.
   */
  async record(job: FaxJobRecord, providerSid: string, report: StatusResult, source: StatusSource): Promise<'final' | 'in_progress'> {
    if (isFinalStatus(job.status)) return 'final';
    if (report.status === 'in_progress') {
      if (job.status === 'queued') {
        const updated = await this.db.jobs.transition(job.id, { from: ['queued'], to: 'in_progress', providerSid, pages: report.pages ?? null, error: null, errorCode: null });
        if (updated !== null) this.changed(updated, source);
      } else {
        // The worker moved the job to in_progress before the provider call; its answer brings the sid.
        const fields = { ...(job.providerSid === null ? { providerSid } : {}), ...(report.pages === undefined ? {} : { pages: report.pages }) };
        if (Object.keys(fields).length > 0) await this.db.jobs.patch(job.id, fields);
      }
      return 'in_progress';
    }
    await this.finish(job, report.status, {
      providerSid,
      ...(report.pages === undefined ? {} : { pages: report.pages }),
      errorCode: report.status === 'SUCCESS' ? null : (report.errorCode ?? 'TRANSMISSION_FAILED'),
      error: report.status === 'SUCCESS' ? null : scrubText(report.error ?? 'the provider reported a failure'),
    }, source);
    return 'final';
  }

  /** Moves `job` to a final status if it may still move there; null when it was already final. */
  async finish(job: FaxJobRecord, status: FaxStatus, fields: FinishFields, source: StatusSource): Promise<FaxJobRecord | null> {
    const updated = await this.db.jobs.transition(job.id, { from: allowedPredecessors(status), to: status, ...fields });
    if (updated !== null) {
      this.logger.info({ jobId: job.id, status, code: fields.errorCode ?? null, backend: job.backend }, 'fax job finished');
      this.changed(updated, source);
    }
    return updated;
  }

  /**
   * The worker's claim on a queued job, taken right before it hands the job to its provider:
   * `queued` → `in_progress`, compare-and-set on the job row. A cancel takes the same row the
   * other way (`queued` → `cancelled`, {@link cancelQueued}), so exactly one of the two wins, on
   * SQLite and PostgreSQL alike. Null when the job was no longer queued.
   */
  async startSending(job: FaxJobRecord): Promise<FaxJobRecord | null> {
    const updated = await this.db.jobs.transition(job.id, { from: ['queued'], to: 'in_progress' });
    if (updated !== null) this.changed(updated, 'worker');
    return updated;
  }

  /**
   * The one step back, `in_progress` → `queued`: the provider confirmed it did not take the fax
   * and the worker waits to retry. The job has no providerSid then, so no provider report can
   * refer to it, and it can be cancelled at once again. Null when the job was not in progress.
   */
  async requeue(job: FaxJobRecord, fields: { errorCode: string; error: string }): Promise<FaxJobRecord | null> {
    const updated = await this.db.jobs.transition(job.id, { from: ['in_progress'], to: 'queued', ...fields });
    if (updated !== null) this.changed(updated, 'worker');
    return updated;
  }

  /**
   * Cancels a job no worker has claimed for sending: `queued` → `cancelled` only, so a job the
   * worker is handing to its provider right now is left alone. Null when the job was not queued.
   */
  async cancelQueued(job: FaxJobRecord, source: StatusSource): Promise<FaxJobRecord | null> {
    const updated = await this.db.jobs.transition(job.id, { from: ['queued'], to: 'cancelled', errorCode: null, error: null });
    if (updated !== null) {
      this.logger.info({ jobId: job.id, status: 'cancelled', backend: job.backend }, 'fax job finished');
      this.changed(updated, source);
    }
    return updated;
  }

  private changed(job: FaxJobRecord, source: StatusSource): void {
    // The audit trail of the status machine: one line per transition that happened, ids only.
    this.logger.info({ event: 'fax.status_changed', jobId: job.id, backend: job.backend, status: job.status, source }, 'fax job status changed');
    this.metrics.core.faxJobTransition({ instanceId: job.backend, from: null, to: job.status });
    this.events.emit('fax.status_changed', { jobId: job.id, backend: job.backend, status: job.status, providerSid: job.providerSid, source });
    const finished = { jobId: job.id, backend: job.backend, errorCode: job.errorCode, pages: job.pages };
    if (job.status === 'SUCCESS') this.events.emit('job.completed', { ...finished, status: 'SUCCESS', errorCode: null });
    else if (job.status === 'FAILED') this.events.emit('job.failed', { ...finished, status: 'FAILED' });
    else if (job.status === 'cancelled') this.events.emit('job.cancelled', { ...finished, status: 'cancelled' });
  }
}
