import type { StatusResult } from '@faxbot/plugin-sdk';
import type { CallOutcome } from './call-outcome';

/**
 * What Asterisk said to one `Originate`:
 * - `pending`: written, answer awaited (only while this process is sending it);
 * - `queued`: `Originate successfully queued`;
 * - `refused`: `Response: Error`, or never sent: Asterisk placed no call;
 * - `unconfirmed`: sent, but no answer came (timeout, connection lost, crash): a call may exist.
 */
export type CallAck = 'pending' | 'queued' | 'refused' | 'unconfirmed';

/** One `Originate` of a job. */
export interface FaxCall {
  /** ActionID and ChannelId (`faxbot-<jobId>-<hex>`). */
  callId: string;
  /** The send attempt's key that placed it. */
  idempotencyKey: string;
  /** TIFF handed to `SendFAX`. */
  faxFile: string;
  /** When the action was written, epoch ms. */
  sentAt: number;
  ack: CallAck;
  /** True once Asterisk reported anything about the call itself (OriginateResponse, Hangup). */
  seen: boolean;
  /** Unique id of the originated channel, from `OriginateResponse` (equals `callId` on Asterisk 13+). */
  uniqueid?: string;
}

/** Final statuses a record can hold. */
export type RecordStatus = 'in_progress' | 'SUCCESS' | 'FAILED' | 'cancelled';

/** Everything the plugin keeps about one job, in `<dataDir>/jobs/<jobId>.json`. */
export interface FaxJobRecord {
  version: 1;
  jobId: string;
  /** Last four digits only. */
  destination: string;
  /** Pages of the TIFF that was sent. */
  documentPages?: number;
  calls: FaxCall[];
  status: RecordStatus;
  /** Pages Asterisk reported with the result. */
  pages?: number;
  errorCode?: string;
  error?: string;
  /** A cancel was asked for: the next hangup or failure of the call means `cancelled`. */
  cancelRequested?: boolean;
  updatedAt: number;
}

/** Time limits that turn silence into a failure. */
export interface SilenceLimits {
  /** After this long without any answer or event, an unconfirmed `Originate` is taken as never placed. */
  settleMs: number;
  /** After this long without a result, a placed call is failed with `PROVIDER_TIMEOUT`. */
  resultTimeoutMs: number;
}

/** The call whose outcome decides the job: the last one Asterisk did not refuse. */
export function liveCall(record: FaxJobRecord): FaxCall | undefined {
  return [...record.calls].reverse().find((call) => call.ack !== 'refused');
}

/** True once the record holds a final status. */
export function isFinished(record: FaxJobRecord): boolean {
  return record.status !== 'in_progress';
}

/**
 * True when `call` may still be up (or may still be placed) at `now`. An unconfirmed call nobody
 * has heard of stays possible until `settleMs` has passed: an Originate Asterisk queued always ends
 * in an `OriginateResponse` within its ring timeout.
 */
export function mayBeLive(call: FaxCall, now: number, limits: SilenceLimits): boolean {
  if (call.ack === 'refused') return false;
  if (call.ack === 'unconfirmed' && !call.seen) return now < call.sentAt + limits.settleMs;
  return true;
}

/** The status `getStatus` answers for a record at `now`. */
export function statusOf(record: FaxJobRecord, now: number, limits: SilenceLimits): StatusResult {
  if (isFinished(record)) {
    return {
      status: record.status as Exclude<RecordStatus, 'in_progress'>,
      ...(record.pages === undefined ? {} : { pages: record.pages }),
      ...(record.errorCode === undefined ? {} : { errorCode: record.errorCode }),
      ...(record.error === undefined ? {} : { error: record.error }),
    };
  }
  const call = liveCall(record);
  if (call !== undefined && call.ack === 'unconfirmed' && !call.seen && now >= call.sentAt + limits.settleMs) {
    return { status: 'FAILED', pages: 0, errorCode: 'PROVIDER_TIMEOUT', error: 'asterisk: the call was never confirmed by Asterisk' };
  }
  if (call !== undefined && (call.ack === 'queued' || call.seen) && now >= call.sentAt + limits.resultTimeoutMs) {
    return { status: 'FAILED', pages: 0, errorCode: 'PROVIDER_TIMEOUT', error: 'asterisk: no fax result within the result timeout' };
  }
  return { status: 'in_progress', ...(record.documentPages === undefined ? {} : { pages: record.documentPages }) };
}

/** The record with a final outcome applied; a record that is already final is returned unchanged. */
export function finish(record: FaxJobRecord, outcome: CallOutcome | { status: 'cancelled' }, now: number): FaxJobRecord {
  if (isFinished(record)) return record;
  if (outcome.status === 'cancelled') {
    return { ...record, status: 'cancelled', pages: 0, errorCode: undefined, error: 'asterisk: cancelled', updatedAt: now };
  }
  return {
    ...record,
    status: outcome.status,
    // A success without a page count from the dialplan sent every page of the TIFF.
    pages: outcome.pages ?? (outcome.status === 'SUCCESS' ? record.documentPages : 0),
    errorCode: outcome.errorCode,
    error: outcome.error,
    updatedAt: now,
  };
}
