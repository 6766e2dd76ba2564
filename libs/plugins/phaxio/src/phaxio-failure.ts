import type { PhaxioFax } from './phaxio-fax';

/** A failed fax in Faxbot's terms: an error code and a reason free of PHI. */
export interface PhaxioFailure {
  errorCode: 'LINE_BUSY' | 'NO_ANSWER' | 'NUMBER_INVALID' | 'DOCUMENT_UNREADABLE' | 'TRANSMISSION_FAILED';
  error: string;
}

// Phaxio's documented lineError ids (https://www.phaxio.com/docs/errorMessages).
const BUSY_IDS = new Set([17]);
const NO_ANSWER_IDS = new Set([16, 30, 87, 112]);
const BAD_NUMBER_IDS = new Set([34, 49, 73, 115]);

const REASONS: Record<PhaxioFailure['errorCode'], string> = {
  LINE_BUSY: 'the line was busy',
  NO_ANSWER: 'no answer from the fax machine',
  NUMBER_INVALID: 'the number is not in service or has changed',
  DOCUMENT_UNREADABLE: 'Phaxio could not read or fetch the document',
  TRANSMISSION_FAILED: 'the transmission failed',
};

function codeOf(type: string | null, id: number | null, message: string): PhaxioFailure['errorCode'] {
  if (type === 'documentConversionError') return 'DOCUMENT_UNREADABLE';
  if (type !== null && type !== 'lineError') return 'TRANSMISSION_FAILED';
  if ((id !== null && BUSY_IDS.has(id)) || /\bbusy\b/i.test(message)) return 'LINE_BUSY';
  if ((id !== null && NO_ANSWER_IDS.has(id)) || /no answer|ring timeout/i.test(message)) return 'NO_ANSWER';
  if ((id !== null && BAD_NUMBER_IDS.has(id)) || /not operational|number changed|has been changed/i.test(message)) return 'NUMBER_INVALID';
  return 'TRANSMISSION_FAILED';
}

/**
 * Why a fax failed, from its `error_type`/`error_id` (falling back to the first failed recipient's).
 * The reason is written here from a fixed list: Phaxio's own `error_message` is never passed on,
 * because some of its messages embed the document URL (which carries an access token).
 *
 * @example
 * failureOfPhaxioFax(fax); // { errorCode: 'LINE_BUSY', error: 'phaxio: the line was busy (lineError 17)' }
 */
export function failureOfPhaxioFax(fax: PhaxioFax): PhaxioFailure {
  const recipient = fax.recipients.find((candidate) => candidate.errorType !== null || candidate.errorId !== null);
  const type = fax.errorType ?? recipient?.errorType ?? null;
  const id = fax.errorId ?? recipient?.errorId ?? null;
  const message = fax.errorMessage ?? recipient?.errorMessage ?? '';
  const errorCode = codeOf(type, id, message);
  const detail = type === null ? '' : ` (${/^[A-Za-z]{1,40}$/.test(type) ? type : 'error'}${id === null ? '' : ` ${id}`})`;
  const partial = fax.status === 'partialsuccess' ? 'some recipients failed: ' : '';
  return { errorCode, error: `phaxio: ${partial}${REASONS[errorCode]}${detail}` };
}
