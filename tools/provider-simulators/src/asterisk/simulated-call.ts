import type { AmiPairs } from './ami-wire';
import { ORIGINATE_FAILURE_REASON, type AmiFaxLineOutcome } from './fax-line-outcomes';
import type { OriginateRequest } from './originate-request';

/** Where a simulated call is. `ended` once its channels are gone. */
export type AmiCallState = 'dialling' | 'answered' | 'ended';

/** Names and unique ids of the channels of one call. */
export interface SimulatedCallChannels {
  /** The originated half, `Local/s@faxout-XXXXXXXX;1`: its unique id is the call's `Linkedid`. */
  local: { name: string; uniqueid: string };
  /** The half that runs the `[faxout]` dialplan and dials the trunk. */
  dialler: { name: string; uniqueid: string };
  /** The answered trunk leg where `SendFAX` runs. */
  callee: { name: string; uniqueid: string };
}

const CAUSE_TEXT: Record<number, string> = {
  16: 'Normal Clearing',
  17: 'User busy',
  19: 'No user responding',
  34: 'Circuit/channel congestion',
};

/**
 * One call the simulator placed for an `Originate`: plays the events Asterisk would send for the
 * destination's scripted outcome, `stepDelayMs` apart, until the call ends or is hung up.
 */
export class SimulatedCall {
  private current: AmiCallState = 'dialling';
  private endedByHangup = false;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    readonly request: OriginateRequest,
    readonly outcome: AmiFaxLineOutcome,
    readonly channels: SimulatedCallChannels,
    private readonly emit: (event: AmiPairs) => void,
    private readonly stepDelayMs: number,
  ) {}

  get state(): AmiCallState {
    return this.current;
  }

  /** True when the `Hangup` action ended the call. */
  get hungUp(): boolean {
    return this.endedByHangup;
  }

  /** Schedules the outcome's events. */
  start(): void {
    const failureReason = ORIGINATE_FAILURE_REASON[this.outcome];
    if (failureReason !== undefined) {
      this.schedule([() => this.failOriginate(failureReason)]);
      return;
    }
    const steps: Array<() => void> = [() => this.answer()];
    if (this.outcome === 'delivered') steps.push(() => this.faxResult('SUCCESS', '', this.request.pages), () => this.hangupAll(16));
    if (this.outcome === 'fax_failed') steps.push(() => this.faxResult('FAILED', 'HANGUP', 0), () => this.hangupAll(16));
    if (this.outcome === 'hangup_before_fax') steps.push(() => this.hangupAll(16));
    this.schedule(steps);
  }

  /** The `Hangup` action: true when a channel of this call was still up. */
  hangup(cause = 16): boolean {
    if (this.current === 'ended') return false;
    this.stop();
    this.endedByHangup = true;
    this.hangupAll(cause);
    return true;
  }

  /** True when `name` is the name or unique id of one of this call's live channels. */
  owns(name: string): boolean {
    if (this.current === 'ended') return false;
    return Object.values(this.channels).some((channel) => channel.name === name || channel.uniqueid === name);
  }

  /** Cancels the events still to come. */
  stop(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private schedule(steps: Array<() => void>): void {
    steps.forEach((step, index) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        step();
      }, this.stepDelayMs * (index + 1));
      this.timers.add(timer);
    });
  }

  private originateResponse(response: 'Success' | 'Failure', reason: number): AmiPairs {
    const answered = response === 'Success';
    return [
      ['Event', 'OriginateResponse'],
      ['Privilege', 'call,all'],
      ['ActionID', this.request.actionId],
      ['Response', response],
      // Asterisk names the live channel on success, and only the requested one on failure.
      ['Channel', answered ? this.channels.local.name : 'Local/s@faxout'],
      ['Context', 'faxout'],
      ['Exten', 's'],
      ['Reason', String(reason)],
      ['Uniqueid', answered ? this.channels.local.uniqueid : '<null>'],
      ['CallerIDNum', this.request.callerId ?? '<unknown>'],
      ['CallerIDName', '<unknown>'],
    ];
  }

  private failOriginate(reason: number): void {
    this.current = 'ended';
    this.emit(this.originateResponse('Failure', reason));
  }

  private answer(): void {
    this.current = 'answered';
    this.emit(this.originateResponse('Success', 4));
  }

  private faxResult(status: string, error: string, pages: number): void {
    // The dialplan's answer subroutine raises it on the trunk leg, where SendFAX ran.
    this.emit([
      ['Event', 'UserEvent'],
      ['Privilege', 'user,all'],
      ['Channel', this.channels.callee.name],
      ['Uniqueid', this.channels.callee.uniqueid],
      ['Linkedid', this.channels.local.uniqueid],
      ['UserEvent', 'FaxResult'],
      ['JobID', this.request.jobId],
      ['Status', status],
      ['Error', error],
      ['Pages', String(pages)],
    ]);
  }

  private hangupAll(cause: number): void {
    this.current = 'ended';
    for (const channel of [this.channels.callee, this.channels.dialler, this.channels.local]) {
      this.emit([
        ['Event', 'Hangup'],
        ['Privilege', 'call,all'],
        ['Channel', channel.name],
        ['Uniqueid', channel.uniqueid],
        ['Linkedid', this.channels.local.uniqueid],
        ['Cause', String(cause)],
        ['Cause-txt', CAUSE_TEXT[cause] ?? 'Unknown'],
      ]);
    }
  }
}
