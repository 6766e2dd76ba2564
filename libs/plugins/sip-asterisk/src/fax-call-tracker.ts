import type { FaxStatusReporter, PluginLogger } from '@faxbot/plugin-sdk';
import type { AmiMessage } from './ami/ami-message';
import { isSafeJobId, jobIdOfCallId } from './call-id';
import { outcomeOfFaxResult, outcomeOfHangup, outcomeOfOriginateFailure, type CallOutcome } from './call-outcome';
import { finish, isFinished, liveCall, type FaxCall, type FaxJobRecord } from './fax-job-record';
import type { FaxJobStore } from './fax-job.store';

/** How many Asterisk-chosen unique ids to remember (only an Asterisk older than 13 makes any). */
const MAX_FOREIGN_UNIQUEIDS = 10_000;

/** What one event does: facts about the call it concerns, and possibly the job's outcome. */
interface EventEffect {
  call: FaxCall | undefined;
  callPatch: Partial<FaxCall>;
  outcome?: CallOutcome;
}

/**
 * Follows fax calls through AMI events and turns them into job statuses:
 * - `UserEvent: FaxResult` (from the dialplan, by `JobID`) gives the result;
 * - `OriginateResponse` (by `ActionID` = call id) tells a call was answered, or never was (busy,
 *   no answer, congestion: `Response: Failure` with a `Reason`);
 * - `Hangup` of one of the call's channels before any FaxResult means the fax never finished. A
 *   channel belongs to a call when its `Uniqueid` or `Linkedid` is the call id (the Originate set
 *   it as `ChannelId`, and every leg of the call inherits it as `Linkedid`), or is the unique id
 *   `OriginateResponse` reported for the call.
 *
 * Each final status is stored, then pushed once with `deps.faxStatus.report`. Events of calls this
 * instance did not place are ignored.
 */
export class FaxCallTracker {
  /** Unique ids Asterisk chose itself (when it ignored ChannelId), learnt from OriginateResponse. */
  private readonly foreignUniqueids = new Map<string, string>();
  /** Events being recorded now, so `settled()` can wait for their writes. */
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly store: FaxJobStore,
    private readonly logger: PluginLogger,
    private readonly reporter: FaxStatusReporter,
    private readonly now: () => number = Date.now,
  ) {}

  /** Handles one AMI event; never throws (a failure is logged). */
  handle(event: AmiMessage): Promise<void> {
    const work = this.record(event);
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
    return work;
  }

  /** Resolves once every event handed over so far is recorded (and reported). */
  async settled(): Promise<void> {
    await Promise.all([...this.inFlight]);
  }

  private async record(event: AmiMessage): Promise<void> {
    try {
      const name = (event['event'] ?? '').toLowerCase();
      if (name === 'userevent' && (event['userevent'] ?? '').toLowerCase() === 'faxresult') await this.onFaxResult(event);
      else if (name === 'originateresponse') await this.onOriginateResponse(event);
      else if (name === 'hangup') await this.onHangup(event);
    } catch (error) {
      this.logger.warn('sip: could not record an AMI event', { event: event['event'], reason: error instanceof Error ? error.message : String(error) });
    }
  }

  private async onFaxResult(event: AmiMessage): Promise<void> {
    const jobId = (event['jobid'] ?? '').trim();
    if (!isSafeJobId(jobId)) return;
    const outcome = outcomeOfFaxResult(event);
    await this.change(jobId, (record) => ({ call: liveCall(record), callPatch: { seen: true }, outcome }));
  }

  private async onOriginateResponse(event: AmiMessage): Promise<void> {
    const callId = event['actionid'] ?? '';
    const jobId = jobIdOfCallId(callId);
    if (jobId === undefined) return;
    const uniqueid = event['uniqueid'];
    const answered = (event['response'] ?? '').toLowerCase() === 'success';
    if (answered && uniqueid !== undefined && uniqueid !== callId) this.rememberUniqueid(uniqueid, callId);
    await this.change(jobId, (record) => {
      const call = record.calls.find((candidate) => candidate.callId === callId);
      if (call === undefined) return undefined;
      const callPatch: Partial<FaxCall> = answered && uniqueid !== undefined ? { seen: true, uniqueid } : { seen: true };
      // A failure of an older call (one a later send replaced) decides nothing.
      if (answered || call !== liveCall(record)) return { call, callPatch };
      return { call, callPatch, outcome: outcomeOfOriginateFailure(event) };
    });
  }

  private async onHangup(event: AmiMessage): Promise<void> {
    const ids = [event['uniqueid'], event['linkedid']].filter((id): id is string => id !== undefined && id !== '');
    const callId = ids.map((id) => (jobIdOfCallId(id) === undefined ? this.foreignUniqueids.get(id) : id)).find((id) => id !== undefined);
    const jobId = callId === undefined ? undefined : jobIdOfCallId(callId);
    if (callId === undefined || jobId === undefined) return;
    await this.change(jobId, (record) => {
      const call = record.calls.find((candidate) => candidate.callId === callId);
      if (call === undefined || call !== liveCall(record)) return undefined;
      return { call, callPatch: { seen: true }, outcome: outcomeOfHangup(event) };
    });
  }

  private rememberUniqueid(uniqueid: string, callId: string): void {
    this.foreignUniqueids.set(uniqueid, callId);
    // Only needed while the call is up; the oldest entries are long over.
    if (this.foreignUniqueids.size > MAX_FOREIGN_UNIQUEIDS) this.foreignUniqueids.delete(this.foreignUniqueids.keys().next().value as string);
  }

  /**
   * Applies what `decide` makes of the event to the job's record, and reports the job's final
   * status if this event finished it. While a cancel is pending, a failure means `cancelled`.
   */
  private async change(jobId: string, decide: (record: FaxJobRecord) => EventEffect | undefined): Promise<void> {
    let finishedNow = false;
    const stored = await this.store.update(jobId, (record) => {
      if (record === undefined) return undefined;
      const effect = decide(record);
      if (effect === undefined) return undefined;
      const { call, callPatch, outcome } = effect;
      const calls = record.calls.map((candidate) => (candidate === call ? { ...candidate, ...callPatch } : candidate));
      let next: FaxJobRecord = { ...record, calls, updatedAt: this.now() };
      if (outcome !== undefined && !isFinished(record)) {
        const cancelled = record.cancelRequested === true && outcome.status === 'FAILED';
        next = finish(next, cancelled ? { status: 'cancelled' } : outcome, this.now());
        finishedNow = true;
      }
      return next;
    });
    if (!finishedNow || stored === undefined) return;
    this.logger.info('sip: fax finished', { jobId, status: stored.status, errorCode: stored.errorCode, pages: stored.pages });
    await this.reporter
      .report({
        providerSid: jobId,
        status: stored.status as 'SUCCESS' | 'FAILED' | 'cancelled',
        ...(stored.pages === undefined ? {} : { pages: stored.pages }),
        ...(stored.errorCode === undefined ? {} : { errorCode: stored.errorCode }),
        ...(stored.error === undefined ? {} : { error: stored.error }),
      })
      .catch((error: unknown) => this.logger.warn('sip: status report failed; polling will pick it up', { jobId, reason: error instanceof Error ? error.message : String(error) }));
  }
}
