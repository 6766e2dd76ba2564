/** What went wrong talking to the Faxbot API, independent of the HTTP details. */
export type FaxbotApiErrorCode =
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'NOT_ENABLED'
  | 'CONFLICT'
  | 'TOO_LARGE'
  | 'UNSUPPORTED_TYPE'
  | 'INVALID_INPUT'
  | 'UNAVAILABLE'
  | 'NETWORK';

/**
 * An error answer from the Faxbot API (or no answer at all). `detail` is the API's own
 * `{"detail": ...}` text, which the API guarantees free of PHI and secrets, or a short description
 * written here; `status` is the HTTP status, `0` when no answer arrived.
 *
 * @example
 * try {
 *   await client.getFax(id);
 * } catch (error) {
 *   if (error instanceof FaxbotApiError && error.code === 'NOT_FOUND') return null;
 *   throw error;
 * }
 */
export class FaxbotApiError extends Error {
  constructor(
    readonly code: FaxbotApiErrorCode,
    readonly status: number,
    readonly detail: string,
    options?: { cause?: unknown },
  ) {
    super(detail, options);
    this.name = 'FaxbotApiError';
  }
}

const CODE_BY_STATUS: Record<number, FaxbotApiErrorCode> = {
  400: 'INVALID_INPUT',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'TOO_LARGE',
  415: 'UNSUPPORTED_TYPE',
  422: 'INVALID_INPUT',
};

/**
 * The code for an HTTP error status: the API's documented 4xx answers map one to one, any other
 * 4xx counts as invalid input, and everything else (5xx, an unexpected 1xx/3xx) as unavailable.
 */
export function codeForStatus(status: number): FaxbotApiErrorCode {
  const known = CODE_BY_STATUS[status];
  if (known !== undefined) return known;
  return status >= 400 && status < 500 ? 'INVALID_INPUT' : 'UNAVAILABLE';
}

// The API answers 404 `{"detail":"Inbound not enabled"}` for a feature switched off by its
// configuration (INBOUND_ENABLED=false), which is not the same as a missing record.
const NOT_ENABLED_DETAIL = /^[A-Za-z][\w -]* not enabled$/;

/**
 * The code for an error answer, by status and the API's `detail`: like {@link codeForStatus},
 * except that a `404` saying a feature is not enabled (`Inbound not enabled`) is `NOT_ENABLED`,
 * so callers can tell "switched off" from "no such record".
 */
export function codeForAnswer(status: number, detail: string | undefined): FaxbotApiErrorCode {
  if (status === 404 && detail !== undefined && NOT_ENABLED_DETAIL.test(detail)) return 'NOT_ENABLED';
  return codeForStatus(status);
}

/** An answer that is not what the route returns (wrong shape, not JSON): the API is not usable. */
export function unexpectedAnswer(status: number): FaxbotApiError {
  return new FaxbotApiError('UNAVAILABLE', status, 'Unexpected response from the Faxbot API');
}
