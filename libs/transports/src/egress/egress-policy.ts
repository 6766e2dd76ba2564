import { transportError } from '../shared/transport-error';

// The manifest schema's pattern for `requirements.network` entries, checked again here so a host
// that skipped validation cannot widen the policy by accident.
const RULE_PATTERN = /^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*(:\d{1,5})?$/;

const DEFAULT_PORTS: Readonly<Record<string, number>> = { 'http:': 80, 'https:': 443, 'ws:': 80, 'wss:': 443 };

interface HostRule {
  /** `*.example.com` is stored as `example.com` with `wildcard: true`. */
  host: string;
  wildcard: boolean;
  /** null: any port. */
  port: number | null;
}

/** The host and port a URL would connect to, as the policy compares them. */
export interface EgressTarget {
  host: string;
  port: number;
}

/**
 * Which hosts a plugin may connect to: the manifest's `requirements.network`.
 *
 * - `api.example.com` allows that host on any port;
 * - `*.example.com` allows every subdomain, at any depth, but not `example.com` itself;
 * - `api.example.com:8443` allows that host on that port only (default ports count: `:443` for https).
 *
 * Matching ignores case and a trailing dot. IPv6 literals cannot be declared, so they are refused.
 */
export interface EgressPolicy {
  /** The host and port `url` would connect to. */
  target(url: URL): EgressTarget;
  allows(url: URL): boolean;
}

/**
 * Builds the policy. Throws `CONFIG_INVALID` for an entry that is not a host name, `*.` wildcard
 * or `host:port`.
 *
 * @example
 * const policy = createEgressPolicy(['api.example.com', '*.fax.example.com:443']);
 * policy.allows(new URL('https://eu.fax.example.com/v1')); // true
 * policy.allows(new URL('http://eu.fax.example.com/v1')); // false: port 80
 */
export function createEgressPolicy(allowedHosts: readonly string[]): EgressPolicy {
  const rules = allowedHosts.map(parseRule);
  const target = (url: URL): EgressTarget => ({
    host: url.hostname.toLowerCase().replace(/\.$/, ''),
    port: url.port === '' ? (DEFAULT_PORTS[url.protocol] ?? 0) : Number(url.port),
  });
  return {
    target,
    allows(url: URL): boolean {
      const { host, port } = target(url);
      return rules.some((rule) => (rule.port === null || rule.port === port) && hostMatches(rule, host));
    },
  };
}

function parseRule(entry: string): HostRule {
  const normalised = entry.trim().toLowerCase();
  if (!RULE_PATTERN.test(normalised)) {
    throw transportError('CONFIG_INVALID', `"${entry}" is not a host name, "*.domain" or "host:port"`);
  }
  const [hostPart, portPart] = normalised.split(':') as [string, string | undefined];
  const port = portPart === undefined ? null : Number(portPart);
  if (port !== null && (port < 1 || port > 65_535)) throw transportError('CONFIG_INVALID', `"${entry}" has no valid port`);
  const wildcard = hostPart.startsWith('*.');
  return { host: wildcard ? hostPart.slice(2) : hostPart, wildcard, port };
}

function hostMatches(rule: HostRule, host: string): boolean {
  return rule.wildcard ? host.endsWith(`.${rule.host}`) : host === rule.host;
}
