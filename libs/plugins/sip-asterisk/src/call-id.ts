import { randomBytes } from 'node:crypto';

/**
 * Job ids the plugin can hand to Asterisk unchanged: they travel in the `Variable` header (where a
 * comma would start a new variable), in file names and in channel ids. The host's ids (hex) fit.
 */
const SAFE_JOB_ID = /^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,99}$/;

const CALL_ID = /^faxbot-([A-Za-z0-9_.-]+)-[0-9a-f]{8}$/;

/** True when `jobId` can travel to Asterisk as it is. */
export function isSafeJobId(jobId: string): boolean {
  return SAFE_JOB_ID.test(jobId);
}

/**
 * A new id for one call of `jobId`: `faxbot-<jobId>-<8 hex>`. It is the Originate's `ActionID` and
 * `ChannelId` both, so `OriginateResponse` (by ActionID) and `Hangup` events (by `Uniqueid` or
 * `Linkedid`) lead back to the job even after a restart, without any index.
 */
export function newCallId(jobId: string): string {
  return `faxbot-${jobId}-${randomBytes(4).toString('hex')}`;
}

/** The job id inside a call id, or undefined for ids this plugin did not make. */
export function jobIdOfCallId(callId: string): string | undefined {
  return CALL_ID.exec(callId)?.[1];
}
