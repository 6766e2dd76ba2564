import type { FaxbotErrorCode, StatusResult } from '@faxbot/plugin-sdk';
import type { SinchFax } from './sinch-fax';

/** Sinch error codes (any `errorType`) with a more precise meaning than their type. */
const CODE_MEANINGS: Readonly<Record<number, FaxbotErrorCode>> = {
  17: 'LINE_BUSY', // Busy
  16: 'NO_ANSWER', // Ring timeout
  30: 'NO_ANSWER', // No answer from a fax machine
  48: 'NO_ANSWER', // No answer (receiving machine may be out of paper)
  132: 'NO_ANSWER', // No fax tone detected
  34: 'NUMBER_INVALID', // Phone number not operational
  49: 'NUMBER_INVALID', // The destination number is not active
  133: 'NUMBER_INVALID', // Phone number is not permitted (FAX_ERROR; a conversion error uses 133 too)
  46: 'PROVIDER_REJECTED', // Insufficient funds
  113: 'DOCUMENT_UNREADABLE', // The file for this fax has been deleted or is not accessible
};

/** Meaning of each `errorType` when the code adds nothing. */
const TYPE_MEANINGS: Readonly<Record<string, FaxbotErrorCode>> = {
  DOCUMENT_CONVERSION_ERROR: 'DOCUMENT_UNREADABLE',
  CALL_ERROR: 'TRANSMISSION_FAILED',
  LINE_ERROR: 'TRANSMISSION_FAILED',
  FAX_ERROR: 'TRANSMISSION_FAILED',
  GENERAL_ERROR: 'TRANSMISSION_FAILED',
  FATAL_ERROR: 'PROVIDER_REJECTED',
};

/** Our own wording per code: Sinch's `errorMessage` is never copied (it is free text). */
const REASONS: Readonly<Partial<Record<FaxbotErrorCode, string>>> = {
  LINE_BUSY: 'the line was busy',
  NO_ANSWER: 'no fax machine answered',
  NUMBER_INVALID: 'the number is not in service or not permitted',
  DOCUMENT_UNREADABLE: 'Sinch could not convert or read the document',
  PROVIDER_REJECTED: 'Sinch refused to send the fax',
  TRANSMISSION_FAILED: 'the transmission failed',
};

/** The error code and PHI-free reason of a failed fax. */
export function sinchFailure(fax: Pick<SinchFax, 'errorType' | 'errorCode'>): { errorCode: FaxbotErrorCode; error: string } {
  const type = typeof fax.errorType === 'string' && /^[A-Z_]{1,40}$/.test(fax.errorType) ? fax.errorType : null;
  // Sinch's codes are small integers; anything else is not a code (and could be a number).
  const text = typeof fax.errorCode === 'number' ? String(fax.errorCode) : (fax.errorCode ?? '');
  const numeric = /^\d{1,4}$/.test(text) ? Number(text) : null;
  let errorCode: FaxbotErrorCode = 'TRANSMISSION_FAILED';
  if (type === 'DOCUMENT_CONVERSION_ERROR') errorCode = 'DOCUMENT_UNREADABLE';
  else if (numeric !== null && CODE_MEANINGS[numeric] !== undefined) errorCode = CODE_MEANINGS[numeric];
  else if (type !== null && TYPE_MEANINGS[type] !== undefined) errorCode = TYPE_MEANINGS[type];
  const reference = [type, numeric].filter((part) => part !== null).join(' ');
  return { errorCode, error: `sinch: ${REASONS[errorCode] ?? 'the fax failed'}${reference === '' ? '' : ` (${reference})`}` };
}

/** Sinch status words that mean the fax is still on its way. */
const IN_PROGRESS_WORDS = new Set(['QUEUED', 'IN_PROGRESS']);

/**
 * Maps a Fax object to the host's vocabulary: QUEUED and IN_PROGRESS → `in_progress`, COMPLETED →
 * `SUCCESS`, FAILURE → `FAILED` with an error code and reason. Unknown words count as
 * `in_progress` (`known: false` lets the caller log the word).
 */
export function sinchStatus(fax: SinchFax): StatusResult & { known: boolean } {
  const pages = fax.numberOfPages === undefined ? {} : { pages: fax.numberOfPages };
  if (fax.status === 'COMPLETED') return { status: 'SUCCESS', ...pages, known: true };
  if (fax.status === 'FAILURE') return { status: 'FAILED', ...pages, ...sinchFailure(fax), known: true };
  return { status: 'in_progress', ...pages, known: IN_PROGRESS_WORDS.has(fax.status ?? '') };
}
