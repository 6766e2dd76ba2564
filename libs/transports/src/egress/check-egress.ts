import type { PluginLogger } from '@faxbot/plugin-sdk';
import { transportError } from '../shared/transport-error';
import type { EgressPolicy } from './egress-policy';

/** Which transport asks, for the refusal's log line. */
export type EgressTransport = 'http' | 'websocket' | 'event-stream';

/**
 * Parses `raw` and applies the policy before anything touches the network. Throws
 * `CONFIG_INVALID` for an unparsable URL and `NOT_SUPPORTED` for another scheme or a host the
 * manifest does not declare; a refusal is logged with host and port only.
 *
 * @example
 * const url = checkEgress('https://api.example.com/v1', { policy, schemes: ['https:'], transport: 'http', logger });
 */
export function checkEgress(
  raw: string,
  options: { policy: EgressPolicy; schemes: readonly string[]; transport: EgressTransport; logger: PluginLogger },
): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch (error) {
    // The message never repeats the URL: it may carry a key in its query string.
    throw transportError('CONFIG_INVALID', `${options.transport} URL is not a valid absolute URL`, { cause: error });
  }
  if (!options.schemes.includes(url.protocol)) {
    options.logger.warn('egress refused', { transport: options.transport, scheme: url.protocol, reason: 'scheme' });
    throw transportError('NOT_SUPPORTED', `${options.transport} transport does not speak ${url.protocol} (use ${options.schemes.join(' or ')})`);
  }
  if (!options.policy.allows(url)) {
    const { host, port } = options.policy.target(url);
    options.logger.warn('egress refused', { transport: options.transport, host, port, reason: 'host not declared' });
    throw transportError(
      'NOT_SUPPORTED',
      `egress to ${host}:${port} refused: the plugin manifest's requirements.network does not declare it`,
    );
  }
  return url;
}
