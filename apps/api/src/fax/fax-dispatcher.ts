import { inject, injectable } from 'inversify';
import type { Database, FaxAttemptRecord, FaxJobRecord, QueueTask } from '@faxbot/db';
import { FaxbotError, isFinalStatus, type OutboundFaxPlugin, type StatusResult } from '@faxbot/plugin-sdk';
import { scrubText, type Logger } from '@faxbot/audit';
import type { AppConfig } from '../config/app-config';
import { EventBus } from '../events/event-bus';
import { PluginHost } from '../plugins/plugin-host';
import { FaxDocumentFactory } from '../documents/fax-document.factory';
import { API_TOKENS } from '../tokens';
import { FaxStatusRecorder, type StatusSource } from './fax-status.recorder';
import { retryDelayMs, statusPollDelayMs } from './retry-policy';

/** What the worker should do with the queue task after a dispatch step. */
export type TaskOutcome = { kind: 'complete' } | { kind: 'reschedule'; runAt: Date; error?: string };

const COMPLETE: TaskOutcome = { kind: 'complete' };

function errorText(error: unknown): string {
  return scrubText(error instanceof Error ? error.message : String(error)).slice(0, 500);
}

/**
 * Moves one fax job forward by one step: send it (once per idempotency key), or poll the provider
 * for its outcome. Every attempt is recorded before the provider is called, so after a crash the
 * next run knows whether the outcome is unknown (reuse the key: the provider dedupes) or known.
 */
@injectable()
export class FaxDispatcher {
  constructor(
    @inject(API_TOKENS.Database) private readonly db: Database,
    @inject(API_TOKENS.Config) private readonly config: AppConfig,
    @inject(API_TOKENS.Logger) private readonly logger: Logger,
    @inject(PluginHost) private readonly plugins: PluginHost,
    @inject(FaxDocumentFactory) private readonly documents: FaxDocumentFactory,
    @inject(FaxStatusRecorder) private readonly status: FaxStatusRecorder,
    @inject(EventBus) private readonly events: EventBus,
  ) {}

  async handle(task: QueueTask, signal: AbortSignal): Promise<TaskOutcome> {
    const jobId = String(task.payload['jobId']);
    const job = await this.db.jobs.findById(jobId);
    if (job === null || isFinalStatus(job.status)) return COMPLETE;
    if (task.attempts > this.config.worker.maxClaims) {
      await this.status.finish(job, 'FAILED', { errorCode: 'RETRIES_EXHAUSTED', error: 'gave up after repeated interruptions' }, 'worker');
      return COMPLETE;
    }
    const plugin = this.plugins.getOutbound(job.backend);
    if (plugin === null) {
      // Nothing is lost: the job waits until its plugin runs again.
      return { kind: 'reschedule', runAt: new Date(Date.now() + this.config.worker.statusPollMs), error: `outbound plugin "${job.backend}" is not running` };
    }
    if (job.status === 'in_progress' && job.providerSid !== null) return this.poll(job, plugin);
    return this.send(job, plugin, signal);
  }

  private async send(job: FaxJobRecord, plugin: OutboundFaxPlugin, signal: AbortSignal): Promise<TaskOutcome> {
    const latest = await this.db.attempts.latestForJob(job.id);
    if (latest?.state === 'sent' && latest.providerSid !== null) {
      // Accepted by the provider before a crash, but the job row never heard of it.
      return this.apply(job, latest.providerSid, { status: 'in_progress' }, 'send');
    }
    const sending = await this.claimForSending(job);
    if (sending === null) return COMPLETE;
    const attempt = await this.nextAttempt(sending, latest);
    if (attempt === null) return COMPLETE;
    this.events.emit('job.processing', { jobId: sending.id, backend: sending.backend, attempt: attempt.attemptNo });
    try {
      const result = await plugin.send({
        jobId: sending.id,
        to: sending.toNumber,
        document: this.documents.forJob(sending),
        idempotencyKey: attempt.idempotencyKey,
        signal,
      });
      await this.db.attempts.finish(attempt.id, { state: 'sent', providerSid: result.providerSid });
      this.logger.info({ jobId: sending.id, attempt: attempt.attemptNo, backend: sending.backend }, 'fax accepted by provider');
      this.events.emit('fax.sent', { jobId: sending.id, backend: sending.backend, attempt: attempt.attemptNo, providerSid: result.providerSid });
      return this.apply(sending, result.providerSid, result, 'send');
    } catch (error) {
      return this.sendFailed(sending, attempt, error, signal);
    }
  }

  /**
   * Moves a queued job to `in_progress` before anything reaches the provider (a job already in
   * progress is resumed as it is). The compare-and-set is what a cancel races against: the job
   * this task was claimed for may have been cancelled since it was read, and then it is never
   * sent. Null when the job is final now.
   */
  private async claimForSending(job: FaxJobRecord): Promise<FaxJobRecord | null> {
    if (job.status !== 'queued') return job;
    const claimed = await this.status.startSending(job);
    if (claimed !== null) return claimed;
    const current = await this.db.jobs.findById(job.id);
    if (current === null || isFinalStatus(current.status)) {
      this.logger.info({ jobId: job.id, status: current?.status ?? null }, 'fax job ended before it was sent');
      return null;
    }
    return current;
  }

  /** The attempt to make now, or null when the job has run out of attempts (and was failed). */
  private async nextAttempt(job: FaxJobRecord, latest: FaxAttemptRecord | null): Promise<FaxAttemptRecord | null> {
    if (latest !== null && (latest.state === 'sending' || latest.state === 'unknown')) return latest;
    const attemptNo = (latest?.attemptNo ?? 0) + 1;
    if (attemptNo > this.config.worker.maxAttempts) {
      await this.status.finish(job, 'FAILED', { errorCode: latest?.errorCode ?? 'RETRIES_EXHAUSTED', error: latest?.error ?? 'no attempts left' }, 'worker');
      return null;
    }
    return this.db.attempts.start({ jobId: job.id, attemptNo, idempotencyKey: `${job.id}-${attemptNo}` });
  }

  private async sendFailed(job: FaxJobRecord, attempt: FaxAttemptRecord, error: unknown, signal: AbortSignal): Promise<TaskOutcome> {
    const message = errorText(error);
    if (signal.aborted) {
      // Shutting down mid-send: the outcome is unknown, so the attempt (and its key) stays open.
      return { kind: 'reschedule', runAt: new Date(), error: 'interrupted by shutdown' };
    }
    if (FaxbotError.is(error) && error.retryable) {
      await this.db.attempts.finish(attempt.id, { state: 'failed_retryable', errorCode: error.code, error: message });
      const exhausted = attempt.attemptNo >= this.config.worker.maxAttempts;
      this.attemptFailed(job, attempt, error.code, !exhausted);
      if (exhausted) {
        await this.status.finish(job, 'FAILED', { errorCode: error.code, error: message }, 'worker');
        return COMPLETE;
      }
      // Nothing reached the provider: the job waits as queued again, and can be cancelled at once.
      await this.status.requeue(job, { errorCode: error.code, error: message });
      this.logger.warn({ jobId: job.id, attempt: attempt.attemptNo, code: error.code }, 'fax attempt failed, will retry');
      return this.later(job, attempt.attemptNo, message);
    }
    if (FaxbotError.is(error) && error.code !== 'PROVIDER_TIMEOUT') {
      await this.db.attempts.finish(attempt.id, { state: 'failed_permanent', errorCode: error.code, error: message });
      this.attemptFailed(job, attempt, error.code, false);
      await this.status.finish(job, 'FAILED', { errorCode: error.code, error: message }, 'worker');
      return COMPLETE;
    }
    // A timeout after the request left, or not a FaxbotError: we cannot know whether the provider
    // sent it, so retry under the same key (the plugin dedupes on it).
    const code = FaxbotError.is(error) ? error.code : 'INTERNAL';
    await this.db.attempts.finish(attempt.id, { state: 'unknown', errorCode: code, error: message });
    this.logger.error({ jobId: job.id, attempt: attempt.attemptNo, code, err: error }, 'fax attempt ended with an unknown outcome');
    this.attemptFailed(job, attempt, code, true);
    return this.later(job, attempt.attemptNo, message);
  }

  private async poll(job: FaxJobRecord, plugin: OutboundFaxPlugin): Promise<TaskOutcome> {
    const providerSid = job.providerSid as string;
    try {
      return await this.apply(job, providerSid, await plugin.getStatus({ jobId: job.id, providerSid }), 'poll');
    } catch (error) {
      if (FaxbotError.is(error) && !error.retryable) {
        await this.status.finish(job, 'FAILED', { errorCode: error.code, error: errorText(error) }, 'poll');
        return COMPLETE;
      }
      return { kind: 'reschedule', runAt: new Date(Date.now() + statusPollDelayMs(Date.now() - job.createdAt.getTime(), this.config.worker)), error: errorText(error) };
    }
  }

  /** Records what the provider reported and decides whether to keep polling. */
  private async apply(job: FaxJobRecord, providerSid: string, result: StatusResult, source: StatusSource): Promise<TaskOutcome> {
    const state = await this.status.record(job, providerSid, result, source);
    if (state === 'final') return COMPLETE;
    return { kind: 'reschedule', runAt: new Date(Date.now() + statusPollDelayMs(Date.now() - job.createdAt.getTime(), this.config.worker)) };
  }

  private attemptFailed(job: FaxJobRecord, attempt: FaxAttemptRecord, errorCode: string, retryable: boolean): void {
    this.events.emit('fax.failed', { jobId: job.id, backend: job.backend, attempt: attempt.attemptNo, errorCode, retryable });
  }

  private later(job: FaxJobRecord, attempt: number, error: string): TaskOutcome {
    this.events.emit('job.queued', { jobId: job.id, backend: job.backend, reason: 'retry' });
    return { kind: 'reschedule', runAt: new Date(Date.now() + retryDelayMs(attempt, this.config.worker)), error };
  }
}
