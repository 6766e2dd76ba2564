import { FaxbotError } from '@faxbot/plugin-sdk';
import type { SinchTransportError } from './sinch-http';

/**
 * What the plugin was doing when Sinch failed. A `send` must never be repeated blindly; a
 * `lookup` (status poll, callback confirmation, document download) is always safe to repeat, so
 * its failures are retryable unless the fax is unknown.
 */
export type SinchOperation = 'send' | 'lookup';

/** True when Sinch's error body names the destination as the invalid field. */
function blamesDestination(body: Buffer): boolean {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { error?: { details?: Array<{ fieldViolations?: Array<{ field?: unknown }> }> } };
    return (parsed.error?.details ?? []).some((detail) => (detail.fieldViolations ?? []).some((violation) => violation.field === 'to'));
  } catch {
    return false;
  }
}

/**
 * Maps a non-2xx answer of the fax API to a {@link FaxbotError}. Messages carry the HTTP status
 * only, never the body (Sinch may echo the number or the content URL back).
 */
export function sinchResponseError(operation: SinchOperation, status: number, body: Buffer): FaxbotError {
  const lookup = operation === 'lookup';
  if (status === 429 || status >= 500) {
    return new FaxbotError('PROVIDER_UNAVAILABLE', `sinch: ${lookup ? 'lookup' : 'send'} refused for now (HTTP ${status})`, { retryable: true });
  }
  if (status === 401 || status === 403) {
    // A poll keeps the job waiting while an operator fixes the key; a send fails at once.
    return new FaxbotError('PROVIDER_AUTH_FAILED', `sinch: credentials refused (HTTP ${status})`, { retryable: lookup });
  }
  if (lookup && status === 404) return new FaxbotError('PROVIDER_REJECTED', 'sinch: the fax is unknown to this project (HTTP 404)');
  if (lookup) return new FaxbotError('PROVIDER_UNAVAILABLE', `sinch: lookup failed (HTTP ${status})`, { retryable: true });
  if ((status === 400 || status === 422) && blamesDestination(body)) return new FaxbotError('NUMBER_INVALID', `sinch: destination refused (HTTP ${status})`);
  return new FaxbotError('PROVIDER_REJECTED', `sinch: request rejected (HTTP ${status})`);
}

/**
 * Maps a request without an answer. Only `unreachable` and `not_started` prove Sinch saw nothing; a send that timed
 * out or lost its connection may have gone through, so it is `PROVIDER_TIMEOUT` (not retryable):
 * the host then retries with the same idempotency key.
 */
export function sinchTransportError(operation: SinchOperation, error: SinchTransportError): FaxbotError {
  const cause = { cause: new Error(error.code) };
  if (error.failure === 'unreachable') return new FaxbotError('PROVIDER_UNAVAILABLE', `sinch: API unreachable (${error.code})`, { retryable: true, ...cause });
  if (error.failure === 'not_started') return new FaxbotError('PROVIDER_UNAVAILABLE', 'sinch: request abandoned before it started', { retryable: true, ...cause });
  if (operation === 'lookup') return new FaxbotError('PROVIDER_UNAVAILABLE', `sinch: lookup got no answer (${error.failure})`, { retryable: true, ...cause });
  if (error.failure === 'timeout') return new FaxbotError('PROVIDER_TIMEOUT', 'sinch: no answer to the send within the request timeout; outcome unknown', cause);
  if (error.failure === 'aborted') return new FaxbotError('PROVIDER_TIMEOUT', 'sinch: send abandoned at shutdown before an answer; outcome unknown', cause);
  return new FaxbotError('PROVIDER_TIMEOUT', `sinch: connection lost before an answer (${error.code}); outcome unknown`, cause);
}

/**
 * Maps a failure of the OAuth token endpoint. No fax was sent yet, so an unavailable endpoint is
 * retryable; refused credentials stop a send and keep a poll waiting.
 */
export function sinchTokenError(operation: SinchOperation, refusedStatus: number | null, detail: string): FaxbotError {
  if (refusedStatus !== null) {
    return new FaxbotError('PROVIDER_AUTH_FAILED', `sinch: the token endpoint refused the credentials (HTTP ${refusedStatus})`, { retryable: operation === 'lookup' });
  }
  return new FaxbotError('PROVIDER_UNAVAILABLE', `sinch: token endpoint unavailable (${detail})`, { retryable: true });
}
