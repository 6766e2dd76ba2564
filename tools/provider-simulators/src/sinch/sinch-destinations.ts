import type { SinchFailure } from './sinch-fax';

/** What happens to a fax sent to a destination. */
export type SinchDestinationOutcome =
  | { kind: 'delivered' }
  /** Stays `IN_PROGRESS` for the simulator's `slowMs`, then completes. */
  | { kind: 'slow' }
  | { kind: 'failed'; failure: SinchFailure };

/**
 * The test numbers, by their last four digits (also listed on `startSinchSimulator` and in its
 * summary). Any other destination is delivered.
 */
export const SINCH_TEST_NUMBERS: Readonly<Record<string, SinchDestinationOutcome>> = Object.freeze({
  '0000': { kind: 'delivered' },
  '0001': { kind: 'failed', failure: { errorType: 'LINE_ERROR', errorCode: 17, errorMessage: 'Busy' } },
  '0002': { kind: 'failed', failure: { errorType: 'CALL_ERROR', errorCode: 30, errorMessage: 'No answer from a fax machine.' } },
  '0003': { kind: 'slow' },
  '0004': { kind: 'failed', failure: { errorType: 'DOCUMENT_CONVERSION_ERROR', errorCode: 4, errorMessage: 'The document could not be converted' } },
  '0005': { kind: 'failed', failure: { errorType: 'CALL_ERROR', errorCode: 34, errorMessage: 'Phone number not operational' } },
});

/** Sinch accepts E.164 only: a `+`, a non-zero digit and 6 to 14 more digits. */
export function isE164(number: string): boolean {
  return /^\+[1-9]\d{6,14}$/.test(number);
}

/** The outcome of a fax to `to`, by its last four digits. */
export function outcomeFor(to: string): SinchDestinationOutcome {
  return SINCH_TEST_NUMBERS[to.slice(-4)] ?? { kind: 'delivered' };
}
