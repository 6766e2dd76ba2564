import type { DestinationPattern } from './destination-pattern';

/**
 * What the loopback line stores beside each accepted document, as `<outbox>/<providerSid>.json`.
 * It is the commit point of a send and all that `getStatus` needs, so status and de-duplication
 * survive a restart. It holds no PHI: the destination is cut to its last four digits.
 */
export interface AcceptanceRecord {
  /** Record format version. */
  version: 1;
  providerSid: string;
  jobId: string;
  idempotencyKey: string;
  /** Epoch milliseconds at which the line accepted the fax. */
  acceptedAt: number;
  pattern: DestinationPattern;
  /** Last four digits only, e.g. `***0004`. */
  destination: string;
  document: {
    type: 'pdf' | 'txt';
    sizeBytes: number;
    pages: number;
    /** File name inside the outbox, e.g. `lb_….pdf`. */
    file: string;
  };
  /** Epoch milliseconds of a cancellation that arrived before delivery. */
  cancelledAt?: number;
}
