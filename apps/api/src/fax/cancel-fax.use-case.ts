import { inject, injectable } from 'inversify';
import type { Database, FaxJobRecord } from '@faxbot/db';
import { FaxbotError, isFinalStatus } from '@faxbot/plugin-sdk';
import { scrubText, type Logger } from '@faxbot/audit';
import { PluginHost } from '../plugins/plugin-host';
import { API_TOKENS } from '../tokens';
import { FaxStatusRecorder } from './fax-status.recorder';

/**
 * What a cancel request came to. Only `cancelled` changed the job; every other outcome left it as
 * it was.
 *
 * - `cancelled`: the job is `cancelled` now; `at` says whether it never left the queue or its
 *   provider cancelled it.
 * - `not_found`: no job has this id.
 * - `finished`: the job was already final.
 * - `handing_over`: the worker is handing the job to its provider right now (or the last attempt's
 *   outcome is not known yet); there is nothing to cancel at the provider yet.
 * - `unsupported`: the job is with a provider whose plugin cannot cancel.
 * - `refused`: the provider refused (typically because the fax finished meanwhile); `reason` is the
 *   plugin's message, free of PHI.
 * - `unavailable`: the job's plugin is not running, or its provider could not be reached.
 */
export type CancelFaxOutcome =
  | { kind: 'cancelled'; job: FaxJobRecord; at: 'queue' | 'provider' }
  | { kind: 'not_found' }
  | { kind: 'finished'; job: FaxJobRecord }
  | { kind: 'handing_over'; job: FaxJobRecord }
  | { kind: 'unsupported'; job: FaxJobRecord }
  | { kind: 'refused'; job: FaxJobRecord; reason: string }
  | { kind: 'unavailable'; job: FaxJobRecord; reason: string };

function reasonOf(error: unknown): string {
  return scrubText(error instanceof Error ? error.message : String(error)).slice(0, 300);
}

/**
 * Cancels a fax job. A queued job is cancelled in the database at once, with a compare-and-set
 * from `queued` that races the worker's own `queued` → `in_progress` claim (the worker never sends
 * a job it lost that race for). A job its provider already has is cancelled through the plugin's
 * `cancel`, and only its success is recorded, through the forward-only status recorder; a later
 * report from the provider cannot change the job again.
 */
@injectable()
export class CancelFaxUseCase {
  constructor(
    @inject(API_TOKENS.Database) private readonly db: Database,
    @inject(API_TOKENS.Logger) private readonly logger: Logger,
    @inject(PluginHost) private readonly plugins: PluginHost,
    @inject(FaxStatusRecorder) private readonly status: FaxStatusRecorder,
  ) {}

  async execute(jobId: string): Promise<CancelFaxOutcome> {
    let job = await this.db.jobs.findById(jobId);
    if (job === null) return { kind: 'not_found' };
    if (job.status === 'queued') {
      const cancelled = await this.status.cancelQueued(job, 'api');
      if (cancelled !== null) return { kind: 'cancelled', job: cancelled, at: 'queue' };
      // The worker claimed it a moment ago (or something finished it): decide on what it is now.
      job = await this.current(jobId);
    }
    if (isFinalStatus(job.status)) return { kind: 'finished', job };
    if (job.status !== 'in_progress' || job.providerSid === null) return { kind: 'handing_over', job };
    return this.cancelAtProvider(job, job.providerSid);
  }

  private async cancelAtProvider(job: FaxJobRecord, providerSid: string): Promise<CancelFaxOutcome> {
    const plugin = this.plugins.getOutbound(job.backend);
    if (plugin === null) return { kind: 'unavailable', job, reason: `outbound plugin instance "${job.backend}" is not running` };
    if (plugin.cancel === undefined) return { kind: 'unsupported', job };
    try {
      await plugin.cancel({ jobId: job.id, providerSid });
    } catch (error) {
      const reason = reasonOf(error);
      // Retryable, a timeout or not a FaxbotError: the provider did not answer clearly, so the job
      // may still be cancellable; a clear refusal is final for this request.
      if (FaxbotError.is(error) && !error.retryable && error.code !== 'PROVIDER_TIMEOUT') {
        this.logger.info({ jobId: job.id, backend: job.backend, code: error.code }, 'provider refused to cancel the fax');
        return { kind: 'refused', job, reason };
      }
      this.logger.warn({ jobId: job.id, backend: job.backend, code: FaxbotError.is(error) ? error.code : 'INTERNAL' }, 'cancel did not reach the provider');
      return { kind: 'unavailable', job, reason };
    }
    const cancelled = await this.status.finish(job, 'cancelled', { errorCode: null, error: null }, 'api');
    if (cancelled !== null) return { kind: 'cancelled', job: cancelled, at: 'provider' };
    // A report got there first: the plugin's own push of the cancellation, or a final outcome.
    const current = await this.current(job.id);
    return current.status === 'cancelled' ? { kind: 'cancelled', job: current, at: 'provider' } : { kind: 'finished', job: current };
  }

  private async current(jobId: string): Promise<FaxJobRecord> {
    const job = await this.db.jobs.findById(jobId);
    // Jobs are never deleted, only their documents.
    if (job === null) throw new Error(`fax job ${jobId} vanished`);
    return job;
  }
}
