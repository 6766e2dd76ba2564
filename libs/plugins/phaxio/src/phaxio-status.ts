import type { StatusResult } from '@faxbot/plugin-sdk';
import { failureOfPhaxioFax } from './phaxio-failure';
import type { PhaxioFax } from './phaxio-fax';

/**
 * Phaxio status words (fax level, and the finer recipient-level ones) → Faxbot statuses.
 * `queued`/`pendingbatch` mean Phaxio accepted the job, so they are `in_progress` for the host.
 * `cancelled` is not on Phaxio's status page; it is mapped in case Phaxio reports it.
 */
export const PHAXIO_STATUS_MAP: Readonly<Record<string, StatusResult['status']>> = Object.freeze({
  queued: 'in_progress',
  pendingbatch: 'in_progress',
  inprogress: 'in_progress',
  ringing: 'in_progress',
  callactive: 'in_progress',
  willretry: 'in_progress',
  success: 'SUCCESS',
  failure: 'FAILED',
  partialsuccess: 'FAILED',
  cancelled: 'cancelled',
  canceled: 'cancelled',
});

/** A failure Phaxio reports for a fax that was cancelled (it has no own status word for it). */
const CANCELLED_MESSAGE = /\bcancell?ed\b/i;

/**
 * The host's view of a Phaxio fax. Unknown status words count as `in_progress` (polling goes
 * on); final results carry `pages`; `FAILED` carries an error code and a PHI-free reason.
 *
 * @example
 * statusOfPhaxioFax(readPhaxioFax(json.data)!); // { status: 'SUCCESS', pages: 2 }
 */
export function statusOfPhaxioFax(fax: PhaxioFax): StatusResult {
  const word = (fax.status ?? '').toLowerCase();
  let status = PHAXIO_STATUS_MAP[word] ?? 'in_progress';
  if (status === 'FAILED' && word === 'failure' && CANCELLED_MESSAGE.test(fax.errorMessage ?? '')) status = 'cancelled';
  const pages = fax.numPages !== null && fax.numPages > 0 ? { pages: fax.numPages } : {};
  if (status !== 'FAILED') return { status, ...pages };
  return { status, ...pages, ...failureOfPhaxioFax(fax) };
}

/** True when Phaxio's word for a fax is one this plugin knows (unknown words are worth a log line). */
export function isKnownPhaxioStatus(word: string | null): boolean {
  return word !== null && Object.prototype.hasOwnProperty.call(PHAXIO_STATUS_MAP, word.toLowerCase());
}
