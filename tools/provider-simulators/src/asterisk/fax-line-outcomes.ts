/** What the simulated fax line does with a call to a given destination. */
export type AmiFaxLineOutcome =
  | 'delivered'
  | 'busy'
  | 'no_answer'
  | 'congestion'
  | 'failure'
  | 'hangup_before_fax'
  | 'fax_failed'
  | 'slow';

/** The destinations (E.164, as `DEST`) with a scripted outcome; every other number is delivered. */
export const AMI_SIMULATOR_NUMBERS = {
  /** Answered; `UserEvent: FaxResult` with `Status: SUCCESS` and the TIFF's page count. */
  delivered: '+12025550101',
  /** Never answered: `OriginateResponse` `Response: Failure`, `Reason: 5` (busy). */
  busy: '+12025550102',
  /** Never answered: `OriginateResponse` `Response: Failure`, `Reason: 3` (rang out). */
  noAnswer: '+12025550103',
  /** Never answered: `OriginateResponse` `Response: Failure`, `Reason: 8` (congestion). */
  congestion: '+12025550104',
  /** Never answered: `OriginateResponse` `Response: Failure`, `Reason: 0` (no such number / general failure). */
  failure: '+12025550108',
  /** Answered, then the far end hangs up before `SendFAX`: `Hangup` events (cause 16), no FaxResult. */
  hangupBeforeFax: '+12025550105',
  /** Answered; the transmission fails: FaxResult `Status: FAILED`, `Error: HANGUP`, `Pages: 0`. */
  faxFailed: '+12025550106',
  /** Answered and then stays in transmission until hung up (the `Hangup` action, or `close()`). */
  slow: '+12025550107',
} as const;

const BY_DIGITS = new Map<string, AmiFaxLineOutcome>([
  [AMI_SIMULATOR_NUMBERS.busy, 'busy'],
  [AMI_SIMULATOR_NUMBERS.noAnswer, 'no_answer'],
  [AMI_SIMULATOR_NUMBERS.congestion, 'congestion'],
  [AMI_SIMULATOR_NUMBERS.failure, 'failure'],
  [AMI_SIMULATOR_NUMBERS.hangupBeforeFax, 'hangup_before_fax'],
  [AMI_SIMULATOR_NUMBERS.faxFailed, 'fax_failed'],
  [AMI_SIMULATOR_NUMBERS.slow, 'slow'],
].map(([number, outcome]) => [number.replace(/\D/g, ''), outcome as AmiFaxLineOutcome]));

/** The scripted outcome for `DEST` (with or without `+`; other punctuation ignored). */
export function outcomeForDestination(dest: string): AmiFaxLineOutcome {
  return BY_DIGITS.get(dest.replace(/\D/g, '')) ?? 'delivered';
}

/** `OriginateResponse` `Reason` codes (Asterisk's AST_CONTROL values) for calls never answered. */
export const ORIGINATE_FAILURE_REASON: Partial<Record<AmiFaxLineOutcome, number>> = {
  busy: 5,
  no_answer: 3,
  congestion: 8,
  failure: 0,
};
