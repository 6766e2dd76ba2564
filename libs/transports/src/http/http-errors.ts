import type { FaxbotError } from '@faxbot/plugin-sdk';
import { transportError } from '../shared/transport-error';
import { HttpFailureError } from './http-failure';
import { isRetryableStatus } from './retry-plan';
import type { AttemptOutcome } from './send-attempt';

/** Where a request went, for error messages: method and host, never path or query. */
export interface RequestLabel {
  method: string;
  host: string;
}

/**
 * The error for a final 4xx/5xx: 401/403 `PROVIDER_AUTH_FAILED`, 429/5xx retryable
 * `PROVIDER_UNAVAILABLE`, any other status `PROVIDER_REJECTED`.
 *
 * @example
 * statusError(404, 1, {}, { method: 'GET', host: 'api.example.com' }).code; // 'PROVIDER_REJECTED'
 */
export function statusError(status: number, attempts: number, headers: Readonly<Record<string, string>>, label: RequestLabel): FaxbotError {
  const cause = new HttpFailureError(`HTTP ${status}`, { status, attempts, headers });
  const message = `${label.method} ${label.host} answered HTTP ${status}${attempts > 1 ? ` after ${attempts} attempts` : ''}`;
  if (status === 401 || status === 403) return transportError('PROVIDER_AUTH_FAILED', message, { cause });
  if (isRetryableStatus(status)) return transportError('PROVIDER_UNAVAILABLE', message, { cause, retryable: true });
  return transportError('PROVIDER_REJECTED', message, { cause });
}

/**
 * The error for an attempt that got no usable response. A timeout, an abort or a connection lost
 * after a request that may not be repeated leave the outcome unknown: `PROVIDER_TIMEOUT`, which
 * the host retries with the same idempotency key. A failure to connect (nothing was sent), or a
 * lost connection of a repeatable request, is a retryable `PROVIDER_UNAVAILABLE`.
 */
export function failureError(
  outcome: Exclude<AttemptOutcome, { kind: 'response' }>,
  attempts: number,
  label: RequestLabel,
  repeatable: boolean,
): FaxbotError {
  const where = `${label.method} ${label.host}`;
  if (outcome.kind === 'too_many_redirects') {
    const cause = new HttpFailureError('too many redirects', { status: outcome.status, attempts, headers: outcome.headers });
    return transportError('PROVIDER_REJECTED', `${where} redirected too many times`, { cause });
  }
  const cause = new HttpFailureError(outcome.networkCode, { status: null, attempts, networkCode: outcome.networkCode });
  switch (outcome.reason) {
    case 'timeout':
      return transportError('PROVIDER_TIMEOUT', `${where} did not answer in time (${attempts} attempt${attempts > 1 ? 's' : ''})`, { cause });
    case 'aborted':
    case 'closed':
      return transportError('PROVIDER_TIMEOUT', `${where} was aborted before an answer arrived`, { cause });
    case 'too_large':
      return transportError('PROVIDER_UNAVAILABLE', `${where} answered with a body over the size limit`, { cause });
    case 'network':
      if (outcome.beforeSend || repeatable) {
        return transportError('PROVIDER_UNAVAILABLE', `${where} could not be reached (${outcome.networkCode})`, { cause, retryable: true });
      }
      return transportError('PROVIDER_TIMEOUT', `${where} dropped the connection (${outcome.networkCode}); the outcome is unknown`, { cause });
  }
}
