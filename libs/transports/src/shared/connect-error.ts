import { FaxbotError } from '@faxbot/plugin-sdk';
import { HttpFailureError } from '../http/http-failure';
import { transportError } from './transport-error';

/** How a WebSocket handshake or event-stream request failed before the connection opened. */
export interface ConnectFailure {
  /** `websocket` or `event stream`, and the host: `websocket events.example.com`. */
  label: string;
  /** The HTTP status the server answered instead of upgrading or streaming, if any. */
  status: number | null;
  /** Node's error code of a network failure, if any. */
  networkCode: string | null;
  timedOut: boolean;
  /** The connection was closed by us while it was being opened. */
  closed: boolean;
}

/**
 * The `FaxbotError` for a failed connect: timeout or our own close `PROVIDER_TIMEOUT`, 401/403
 * `PROVIDER_AUTH_FAILED`, 429/5xx or no answer at all retryable `PROVIDER_UNAVAILABLE`, any other
 * status `PROVIDER_REJECTED`. The cause is an `HttpFailure` (status and code, no headers).
 *
 * @example
 * connectError({ label: 'websocket api.example.com', status: 401, networkCode: null, timedOut: false, closed: false }).code;
 * // 'PROVIDER_AUTH_FAILED'
 */
export function connectError(failure: ConnectFailure): FaxbotError {
  const networkCode = failure.timedOut ? 'timeout' : failure.closed ? 'aborted' : failure.networkCode;
  const cause = new HttpFailureError(failure.status === null ? (networkCode ?? 'connect failed') : `HTTP ${failure.status}`, {
    status: failure.status,
    attempts: 1,
    networkCode,
  });
  if (failure.closed) return transportError('PROVIDER_TIMEOUT', `${failure.label} was closed while connecting`, { cause });
  if (failure.timedOut) return transportError('PROVIDER_TIMEOUT', `${failure.label} did not open in time`, { cause });
  const { status } = failure;
  if (status === null) {
    return transportError('PROVIDER_UNAVAILABLE', `${failure.label} could not be reached (${networkCode ?? 'connection closed'})`, { cause, retryable: true });
  }
  if (status === 401 || status === 403) return transportError('PROVIDER_AUTH_FAILED', `${failure.label} answered HTTP ${status}`, { cause });
  if (status === 429 || status >= 500) return transportError('PROVIDER_UNAVAILABLE', `${failure.label} answered HTTP ${status}`, { cause, retryable: true });
  return transportError('PROVIDER_REJECTED', `${failure.label} answered HTTP ${status}`, { cause });
}

/** True for failures no reconnect can fix: refused credentials, a 4xx, a policy refusal. */
export function isPermanentConnectError(error: unknown): boolean {
  return FaxbotError.is(error) && ['PROVIDER_AUTH_FAILED', 'PROVIDER_REJECTED', 'NOT_SUPPORTED', 'CONFIG_INVALID'].includes(error.code);
}
