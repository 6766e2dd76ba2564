import type { AmiMessage } from './ami/ami-message';

/** A final result of one fax call, as the plugin records and reports it. */
export interface CallOutcome {
  status: 'SUCCESS' | 'FAILED';
  pages?: number;
  /** A `FaxbotErrorCode`-style word, with `FAILED`. */
  errorCode?: string;
  /** Why, without PHI, with `FAILED`. */
  error?: string;
}

/**
 * Fields of the dialplan's `UserEvent(FaxResult,JobID:…,Status:…,Error:…,Pages:…)`: the contract
 * between the `[faxsend]` subroutine and this plugin (the docs spec checks the example dialplan).
 */
export const FAX_RESULT_FIELDS = ['JobID', 'Status', 'Error', 'Pages'] as const;

/** Dial statuses and res_fax errors with a more precise code than TRANSMISSION_FAILED. */
const ERROR_WORDS: Record<string, { code: string; text: string }> = {
  BUSY: { code: 'LINE_BUSY', text: 'line busy' },
  NOANSWER: { code: 'NO_ANSWER', text: 'no answer' },
  NO_ANSWER: { code: 'NO_ANSWER', text: 'no answer' },
  CONGESTION: { code: 'TRANSMISSION_FAILED', text: 'network congestion' },
  CHANUNAVAIL: { code: 'TRANSMISSION_FAILED', text: 'trunk unavailable' },
};

/** `OriginateResponse` `Reason` values (Asterisk's AST_CONTROL codes) of a call never answered. */
const ORIGINATE_REASONS: Record<string, { code: string; text: string }> = {
  '0': { code: 'TRANSMISSION_FAILED', text: 'call failed (no such number or channel)' },
  '1': { code: 'TRANSMISSION_FAILED', text: 'call hung up before it was answered' },
  '3': { code: 'NO_ANSWER', text: 'no answer' },
  '5': { code: 'LINE_BUSY', text: 'line busy' },
  '8': { code: 'TRANSMISSION_FAILED', text: 'network congestion' },
};

/** Q.850 hangup causes with a more precise code than TRANSMISSION_FAILED. */
const HANGUP_CAUSES: Record<string, string> = {
  '1': 'NUMBER_INVALID',
  '3': 'NUMBER_INVALID',
  '28': 'NUMBER_INVALID',
  '17': 'LINE_BUSY',
  '18': 'NO_ANSWER',
  '19': 'NO_ANSWER',
};

/**
 * A provider word cut down to what can safely reach an API client: upper-case letters, short digit
 * runs and `_ . -`, at most 40 characters. Asterisk's words (`HANGUP`, `Normal Clearing`, `T.30`)
 * pass; phone numbers (runs of three digits or more) and path separators do not.
 */
export function safeWord(value: string | undefined): string {
  return (value ?? '')
    .toUpperCase()
    .replace(/[^A-Z0-9_.\- ]/g, '')
    .replace(/\d{3,}/g, '')
    .replace(/ {2,}/g, ' ')
    .trim()
    .slice(0, 40)
    .trim();
}

function pagesOf(value: string | undefined): number | undefined {
  return value !== undefined && /^\d{1,5}$/.test(value.trim()) ? Number(value.trim()) : undefined;
}

/** The outcome a `UserEvent: FaxResult` reports. Only `Status: SUCCESS` is a success. */
export function outcomeOfFaxResult(event: AmiMessage): CallOutcome {
  const pages = pagesOf(event['pages']);
  const withPages = pages === undefined ? {} : { pages };
  if ((event['status'] ?? '').trim().toUpperCase() === 'SUCCESS') return { status: 'SUCCESS', ...withPages };
  const word = safeWord(event['error']);
  const known = ERROR_WORDS[word];
  if (known !== undefined) return { status: 'FAILED', ...withPages, errorCode: known.code, error: `asterisk: ${known.text}` };
  return { status: 'FAILED', ...withPages, errorCode: 'TRANSMISSION_FAILED', error: `asterisk: fax transmission failed${word === '' ? '' : ` (${word})`}` };
}

/** The outcome of `OriginateResponse` with `Response: Failure`: the call was never answered. */
export function outcomeOfOriginateFailure(event: AmiMessage): CallOutcome {
  const reason = (event['reason'] ?? '').trim();
  const known = ORIGINATE_REASONS[reason];
  if (known !== undefined) return { status: 'FAILED', pages: 0, errorCode: known.code, error: `asterisk: ${known.text}` };
  return { status: 'FAILED', pages: 0, errorCode: 'TRANSMISSION_FAILED', error: `asterisk: call failed (reason ${safeWord(reason) || 'unknown'})` };
}

/** The outcome of a `Hangup` of the call before any FaxResult: the fax never finished. */
export function outcomeOfHangup(event: AmiMessage): CallOutcome {
  const cause = /^\d{1,3}$/.test((event['cause'] ?? '').trim()) ? (event['cause'] ?? '').trim() : 'unknown';
  const text = safeWord(event['cause-txt']);
  return {
    status: 'FAILED',
    pages: 0,
    errorCode: HANGUP_CAUSES[cause] ?? 'TRANSMISSION_FAILED',
    error: `asterisk: call ended before the fax was sent (cause ${cause}${text === '' ? '' : ` ${text}`})`,
  };
}
