/**
 * Status words of a fax job, exactly as the original Faxbot's public API spells them.
 * `queued` and `in_progress` are lower case; the final outcomes are upper case.
 */
export const FAX_STATUSES = ['queued', 'in_progress', 'SUCCESS', 'FAILED', 'cancelled'] as const;

/** One of {@link FAX_STATUSES}. */
export type FaxStatus = (typeof FAX_STATUSES)[number];

/** Statuses a provider can report for a fax it has accepted. */
export type ProviderFaxStatus = Exclude<FaxStatus, 'queued'>;

/** Final statuses: a job in one of these never changes again. */
export const FINAL_FAX_STATUSES: readonly FaxStatus[] = ['SUCCESS', 'FAILED', 'cancelled'];

/**
 * True when `status` is final.
 *
 * @example
 * isFinalStatus('SUCCESS'); // true
 */
export function isFinalStatus(status: FaxStatus): boolean {
  return FINAL_FAX_STATUSES.includes(status);
}
