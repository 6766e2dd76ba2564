import { FaxbotError, type ConnectHeaders } from '@faxbot/plugin-sdk';
import { transportError } from './transport-error';

/**
 * The headers for one (re)connect attempt: the plugin's (a function is called each time, so a
 * reconnect can carry a fresh token) with names in lower case, plus a `User-Agent` unless given.
 * A function that fails rejects with its own `FaxbotError`, or a retryable `PROVIDER_UNAVAILABLE`.
 *
 * @example
 * await resolveConnectHeaders(() => ({ Authorization: 'Bearer t' }), 'faxbot-plugin/acme');
 * // { authorization: 'Bearer t', 'user-agent': 'faxbot-plugin/acme' }
 */
export async function resolveConnectHeaders(headers: ConnectHeaders | undefined, userAgent: string): Promise<Record<string, string>> {
  let source: Readonly<Record<string, string>>;
  try {
    source = typeof headers === 'function' ? await headers() : (headers ?? {});
  } catch (error) {
    if (FaxbotError.is(error)) throw error;
    throw transportError('PROVIDER_UNAVAILABLE', 'the connect headers function failed', { cause: error, retryable: true });
  }
  const resolved: Record<string, string> = {};
  for (const [name, value] of Object.entries(source)) resolved[name.toLowerCase()] = String(value);
  resolved['user-agent'] ??= userAgent;
  return resolved;
}
