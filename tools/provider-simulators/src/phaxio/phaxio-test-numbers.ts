import type { PhaxioError } from './phaxio-fax';

/** What the simulated line does with a destination. */
export type PhaxioLineOutcome = 'delivered' | 'busy' | 'noAnswer' | 'slow' | 'faxError' | 'notOperational';

/**
 * One destination per outcome. The outcome depends only on the last four digits, so any number
 * with the same ending behaves the same.
 *
 * | ends in | outcome |
 * | --- | --- |
 * | `0000` | delivered (`success`) |
 * | `0001` | busy: `failure`, lineError 17 `Busy` |
 * | `0002` | no answer: `failure`, lineError 112 `No answer` |
 * | `0003` | slow line: stays `inprogress` for `slowLineMs`, then `success` (time to cancel) |
 * | `0004` | fax protocol error: `failure`, faxError 8 |
 * | `0005` | number not operational: `failure`, lineError 34 |
 * | anything else | delivered |
 */
export const PHAXIO_TEST_NUMBERS: Readonly<Record<PhaxioLineOutcome, string>> = Object.freeze({
  delivered: '+15555550000',
  busy: '+15555550001',
  noAnswer: '+15555550002',
  slow: '+15555550003',
  faxError: '+15555550004',
  notOperational: '+15555550005',
});

const BY_SUFFIX: Readonly<Record<string, PhaxioLineOutcome>> = {
  '0001': 'busy',
  '0002': 'noAnswer',
  '0003': 'slow',
  '0004': 'faxError',
  '0005': 'notOperational',
};

/** The error each failing outcome ends with, with Phaxio's documented ids and messages. */
export const PHAXIO_LINE_FAILURES: Readonly<Record<'busy' | 'noAnswer' | 'faxError' | 'notOperational', PhaxioError>> = Object.freeze({
  busy: { error_type: 'lineError', error_id: 17, error_message: 'Busy' },
  noAnswer: { error_type: 'lineError', error_id: 112, error_message: 'No answer' },
  faxError: { error_type: 'faxError', error_id: 8, error_message: 'No response after sending a page' },
  notOperational: { error_type: 'lineError', error_id: 34, error_message: 'Phone number not operational' },
});

/**
 * The outcome the simulated line gives `phoneNumber`, by its last four digits.
 *
 * @example
 * phaxioLineOutcomeOf('+15551230001'); // 'busy'
 */
export function phaxioLineOutcomeOf(phoneNumber: string): PhaxioLineOutcome {
  return BY_SUFFIX[phoneNumber.replace(/\D/g, '').slice(-4)] ?? 'delivered';
}

/** The error a failing outcome ends with, or null for outcomes that end in `success`. */
export function phaxioLineFailureOf(outcome: PhaxioLineOutcome): PhaxioError | null {
  return outcome === 'delivered' || outcome === 'slow' ? null : PHAXIO_LINE_FAILURES[outcome];
}
