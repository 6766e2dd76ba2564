import type { StatusResult } from '@faxbot/plugin-sdk';
import type { AcceptanceRecord } from './acceptance-record';

/**
 * The status of an accepted fax at time `now`: `in_progress` until the delivery delay has passed,
 * then the final outcome its destination pattern prescribes. Computed from the record alone, so no
 * timer has to survive a restart.
 */
export function statusOfRecord(record: AcceptanceRecord, deliveryDelayMs: number, now: number): StatusResult {
  if (record.cancelledAt !== undefined) return { status: 'cancelled' };
  if (now < record.acceptedAt + deliveryDelayMs) return { status: 'in_progress' };
  switch (record.pattern) {
    case 'no_answer':
      return { status: 'FAILED', errorCode: 'NO_ANSWER', error: 'loopback: no answer (simulated)' };
    case 'busy':
      return { status: 'FAILED', errorCode: 'LINE_BUSY', error: 'loopback: line busy (simulated)' };
    default:
      return { status: 'SUCCESS', pages: record.document.pages };
  }
}
