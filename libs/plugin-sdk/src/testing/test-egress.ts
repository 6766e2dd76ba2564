import { FaxbotError } from '../errors/faxbot-error';
import type { PluginLogger } from '../contracts/plugin-deps';

const DEFAULT_PORTS: Readonly<Record<string, number>> = { 'http:': 80, 'https:': 443, 'ws:': 80, 'wss:': 443 };

/** Hosts the test transports may reach when a test names none: the loopback interface, where simulators listen. */
export const TEST_DEFAULT_ALLOWED_HOSTS: readonly string[] = ['127.0.0.1', 'localhost'];

/**
 * The host's egress rule, for the test transports: `host` (any port), `*.domain` (subdomains) or
 * `host:port`. Refuses with `NOT_SUPPORTED` (logged with host and port only, as the host does)
 * before anything touches the network; an unparsable URL is `CONFIG_INVALID`.
 */
export function checkTestEgress(raw: string, allowedHosts: readonly string[], schemes: readonly string[], logger: PluginLogger): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch (cause) {
    throw new FaxbotError('CONFIG_INVALID', 'URL is not a valid absolute URL', { cause });
  }
  if (!schemes.includes(url.protocol)) throw new FaxbotError('NOT_SUPPORTED', `transport does not speak ${url.protocol} (use ${schemes.join(' or ')})`);
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  const port = url.port === '' ? (DEFAULT_PORTS[url.protocol] ?? 0) : Number(url.port);
  const allowed = allowedHosts.some((entry) => {
    const [rule = '', rulePort] = entry.toLowerCase().split(':');
    if (rulePort !== undefined && Number(rulePort) !== port) return false;
    return rule.startsWith('*.') ? host.endsWith(rule.slice(1)) : host === rule;
  });
  if (!allowed) {
    logger.warn('egress refused', { host, port, reason: 'host not declared' });
    throw new FaxbotError('NOT_SUPPORTED', `egress to ${host}:${port} refused: not in the test's allowedHosts (the manifest's requirements.network on the host)`);
  }
  return url;
}
