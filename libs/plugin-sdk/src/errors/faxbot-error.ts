const BRAND = Symbol.for('faxbot.FaxbotError');

/**
 * Machine-readable error codes shared by the host and plugins.
 *
 * Provider codes (`PROVIDER_*`, `LINE_*`, `NUMBER_*`) end up in a fax job's `error_code`.
 */
export type FaxbotErrorCode =
  | 'PROVIDER_UNAVAILABLE'
  | 'PROVIDER_REJECTED'
  | 'PROVIDER_AUTH_FAILED'
  | 'PROVIDER_TIMEOUT'
  | 'LINE_BUSY'
  | 'NO_ANSWER'
  | 'NUMBER_INVALID'
  | 'TRANSMISSION_FAILED'
  | 'DOCUMENT_UNREADABLE'
  | 'CONFIG_INVALID'
  | 'NOT_SUPPORTED'
  | 'INTERNAL';

/** Options for {@link FaxbotError}. */
export interface FaxbotErrorOptions {
  /** The error that caused this one; kept for diagnostics, never shown to API clients. */
  cause?: unknown;
  /**
   * True when the provider confirmed that nothing was transmitted and a later attempt may succeed
   * (rate limits, outages). The host then retries with backoff and a fresh idempotency key.
   */
  retryable?: boolean;
}

/**
 * The one error type plugins throw. The host reads `code` and `retryable`; the message must not
 * contain PHI (phone numbers, document content) because it may be stored as the job's `error`.
 *
 * @example
 * throw new FaxbotError('LINE_BUSY', 'the line was busy', { retryable: true });
 */
export class FaxbotError extends Error {
  readonly code: FaxbotErrorCode;
  readonly retryable: boolean;

  constructor(code: FaxbotErrorCode, message: string, options: FaxbotErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'FaxbotError';
    this.code = code;
    this.retryable = options.retryable ?? false;
    Object.defineProperty(this, BRAND, { value: true });
  }

  /**
   * Brand check that works across copies of the SDK (where `instanceof` would not).
   *
   * @example
   * if (FaxbotError.is(err) && err.retryable) scheduleRetry();
   */
  static is(value: unknown): value is FaxbotError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }
}
