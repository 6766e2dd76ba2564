import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { FaxbotError, KeyedMutex, type PluginLogger, type SendOptions, type SendResult } from '@faxbot/plugin-sdk';
import type { AmiClient } from './ami/ami-client';
import { isAmiError } from './ami/ami-errors';
import { isSuccess } from './ami/ami-message';
import { isSafeJobId, newCallId } from './call-id';
import { safeWord } from './call-outcome';
import { isFinished, liveCall, mayBeLive, statusOf, type CallAck, type FaxCall, type FaxJobRecord, type SilenceLimits } from './fax-job-record';
import type { FaxJobStore } from './fax-job.store';
import { maskNumber } from './mask-number';
import { originateAction } from './originate-action';
import { writeFileAtomically } from './write-file-atomically';

/** Destinations the dialplan can dial: E.164, or digits as the original also accepted. */
const DIALLABLE = /^\+?[0-9]{3,20}$/;

/** Settings the sender needs. */
export interface FaxSenderSettings {
  faxDir: string;
  stationId: string;
  headerText: string;
  originateTimeoutMs: number;
  limits: SilenceLimits;
}

/**
 * Sends one fax: renders it as a fax TIFF (by the host), writes it where Asterisk reads it, and
 * places the call with `Originate`, at most once per idempotency key and with at most one call up
 * per job at a time.
 *
 * Every call is recorded as `pending` before its action is written, so a crash or a lost answer
 * leaves a trace: a repeated key returns that call instead of dialling again, and a new key for the
 * same job waits until an unconfirmed call can no longer be live.
 */
export class FaxSender {
  private readonly locks = new KeyedMutex();

  constructor(
    private readonly client: Pick<AmiClient, 'send'>,
    private readonly store: FaxJobStore,
    private readonly settings: FaxSenderSettings,
    private readonly logger: PluginLogger,
    private readonly now: () => number = Date.now,
  ) {}

  async send(options: SendOptions): Promise<SendResult> {
    if (!isSafeJobId(options.jobId)) {
      throw new FaxbotError('NOT_SUPPORTED', 'sip: the job id has characters the dialplan cannot carry');
    }
    if (!DIALLABLE.test(options.to)) throw new FaxbotError('NUMBER_INVALID', 'sip: the destination is not a diallable number');
    return this.locks.run(`key:${options.idempotencyKey}`, () => this.locks.run(`job:${options.jobId}`, () => this.sendOnce(options)));
  }

  private async sendOnce(options: SendOptions): Promise<SendResult> {
    const earlier = await this.earlierAnswer(options);
    if (earlier !== undefined) return earlier;
    const record = await this.store.get(options.jobId);
    const call = record === undefined ? undefined : liveCall(record);
    if (record !== undefined && this.hasCallToJoin(record, call)) {
      // One job, one call: a new attempt joins the call that is up (or over) rather than dialling again.
      await this.store.rememberKey(options.idempotencyKey, { version: 1, jobId: record.jobId, callId: call?.callId ?? '' });
      this.logger.info('sip: send attempt joins the call already placed for this job', { jobId: options.jobId });
      return this.resultOf(record);
    }
    if (call !== undefined && call.ack === 'unconfirmed' && mayBeLive(call, this.now(), this.settings.limits)) {
      throw new FaxbotError('PROVIDER_UNAVAILABLE', 'sip: the previous call of this job is not settled yet', { retryable: true });
    }
    return this.originate(options);
  }

  /** True when the job is over, or its call may be up and Asterisk confirmed or reported it. */
  private hasCallToJoin(record: FaxJobRecord, call: FaxCall | undefined): boolean {
    if (isFinished(record)) return true;
    return call !== undefined && mayBeLive(call, this.now(), this.settings.limits) && (call.seen || call.ack === 'queued');
  }

  /** The answer for a key used before, or undefined when the key may place a call. */
  private async earlierAnswer(options: SendOptions): Promise<SendResult | undefined> {
    const key = await this.store.keyRecord(options.idempotencyKey);
    if (key === undefined) return undefined;
    const record = await this.store.get(key.jobId);
    if (record === undefined) return undefined;
    const call = record.calls.find((candidate) => candidate.callId === key.callId);
    // Asterisk confirmed it placed nothing for this key: placing the call now is its first time.
    if (call !== undefined && call.ack === 'refused' && key.jobId === options.jobId) return undefined;
    this.logger.debug('sip: send repeated; returning the earlier call', { jobId: record.jobId });
    return this.resultOf(record);
  }

  private resultOf(record: FaxJobRecord): SendResult {
    return { providerSid: record.jobId, ...statusOf(record, this.now(), this.settings.limits) };
  }

  private async originate(options: SendOptions): Promise<SendResult> {
    const { jobId, idempotencyKey } = options;
    const tiff = await this.renderTiff(options);
    const faxFile = join(this.settings.faxDir, `${jobId}-${fileSafe(idempotencyKey)}.tiff`);
    await mkdir(this.settings.faxDir, { recursive: true, mode: 0o750 });
    // 0640: Asterisk reads it through a shared group; nobody else may (it is PHI).
    await writeFileAtomically(faxFile, tiff.bytes, 0o640);
    const callId = newCallId(jobId);
    await this.store.update(jobId, (current) => ({
      version: 1,
      jobId,
      destination: maskNumber(options.to),
      documentPages: tiff.pages,
      status: 'in_progress',
      ...(current === undefined ? {} : { cancelRequested: current.cancelRequested }),
      calls: [...(current?.calls ?? []), { callId, idempotencyKey, faxFile, sentAt: this.now(), ack: 'pending', seen: false }],
      updatedAt: this.now(),
    }));
    await this.store.rememberKey(idempotencyKey, { version: 1, jobId, callId });
    const action = originateAction({ callId, jobId, dest: options.to, faxFile, ...this.settings });
    let response;
    try {
      response = await this.client.send(action, { actionId: callId });
    } catch (error) {
      throw await this.unanswered(jobId, callId, error);
    }
    if (!isSuccess(response)) {
      await this.acknowledge(jobId, callId, 'refused');
      const message = safeWord(response['message']);
      this.logger.warn('sip: Asterisk refused the Originate', { jobId, message });
      // For an asynchronous Originate, "Originate failed" means Asterisk could not even queue it.
      if (message === 'ORIGINATE FAILED') throw new FaxbotError('PROVIDER_UNAVAILABLE', 'sip: Asterisk could not queue the call', { retryable: true });
      throw new FaxbotError('PROVIDER_REJECTED', `sip: Asterisk refused the call (${message || 'no reason given'})`);
    }
    const record = await this.acknowledge(jobId, callId, 'queued');
    this.logger.info('sip: fax call placed', { jobId, destination: maskNumber(options.to), pages: tiff.pages });
    return record === undefined ? { providerSid: jobId, status: 'in_progress' } : this.resultOf(record);
  }

  private async renderTiff(options: SendOptions): Promise<{ bytes: Buffer; pages: number }> {
    if (options.document.toFaxTiff === undefined) {
      throw new FaxbotError('NOT_SUPPORTED', 'sip: the host cannot render this document as a fax TIFF');
    }
    try {
      return await options.document.toFaxTiff();
    } catch (cause) {
      throw new FaxbotError('DOCUMENT_UNREADABLE', 'sip: the document could not be rendered as a fax TIFF', { cause });
    }
  }

  private async acknowledge(jobId: string, callId: string, ack: CallAck): Promise<FaxJobRecord | undefined> {
    return this.store.update(jobId, (record) =>
      record === undefined ? undefined : { ...record, calls: record.calls.map((call) => (call.callId === callId && call.ack === 'pending' ? { ...call, ack } : call)) },
    );
  }

  /** Records why an Originate got no answer and says what the host should do next. */
  private async unanswered(jobId: string, callId: string, error: unknown): Promise<FaxbotError> {
    if (isAmiError(error, 'not_connected')) {
      // Nothing was written to Asterisk: a clean, retryable refusal.
      await this.acknowledge(jobId, callId, 'refused');
      return new FaxbotError('PROVIDER_UNAVAILABLE', 'sip: not connected to Asterisk', { cause: error, retryable: true });
    }
    // Written, but unanswered: the call may exist. The record keeps it `unconfirmed`; the same key
    // never dials again, and a new key of this job waits until the call can no longer be live.
    await this.acknowledge(jobId, callId, 'unconfirmed');
    this.logger.warn('sip: Originate not acknowledged; the outcome is unknown', { jobId, reason: isAmiError(error) ? error.kind : 'error' });
    if (isAmiError(error, 'timeout')) return new FaxbotError('PROVIDER_TIMEOUT', 'sip: Asterisk did not acknowledge the call in time', { cause: error, retryable: true });
    return new FaxbotError('PROVIDER_UNAVAILABLE', 'sip: the AMI connection closed before Asterisk acknowledged the call', { cause: error, retryable: true });
  }
}

/** An idempotency key as a file-name part: kept when already safe (the host's are), else hashed. */
function fileSafe(key: string): string {
  return /^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,79}$/.test(key) ? key : createHash('sha256').update(key, 'utf8').digest('hex').slice(0, 32);
}
