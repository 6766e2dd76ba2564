import { ConfigError } from './config-error';
import { integer, list, text, type Env } from './env-readers';

/** OAuth 2 access tokens (JWTs) accepted from HTTP clients, verified against the issuer's JWKS. */
export interface McpOAuthConfig {
  /** Expected `iss` claim, exactly. */
  issuer: string;
  /** Accepted `aud` values; a token must name at least one. */
  audience: string[];
  /** Where the issuer publishes its signing keys (https, or http on a loopback address). */
  jwksUrl: string;
  /** Signature algorithms a token may use; `none` and the HMAC algorithms are never accepted. */
  algorithms: string[];
  /** Leeway for `exp` and `nbf`, in seconds. */
  clockToleranceSeconds: number;
}

/** The asymmetric JWS algorithms accepted when OAUTH_ALGORITHMS is unset. */
export const DEFAULT_OAUTH_ALGORITHMS: readonly string[] = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

const OAUTH_VARIABLES = ['OAUTH_ISSUER', 'OAUTH_AUDIENCE', 'OAUTH_JWKS_URL'] as const;
const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

function jwksUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('OAUTH_JWKS_URL must be an https URL');
  }
  // Keys fetched over plain HTTP could be swapped by anyone on the path; only loopback is exempt (tests, sidecars).
  const loopbackHttp = url.protocol === 'http:' && LOOPBACK_NAMES.includes(url.hostname);
  if (url.protocol !== 'https:' && !loopbackHttp) throw new ConfigError('OAUTH_JWKS_URL must be an https URL (http only on a loopback address)');
  if (url.username !== '' || url.password !== '') throw new ConfigError('OAUTH_JWKS_URL must not contain credentials');
  return url.toString();
}

function algorithms(env: Env): string[] {
  const chosen = list(env, 'OAUTH_ALGORITHMS');
  if (chosen.length === 0) return [...DEFAULT_OAUTH_ALGORITHMS];
  const unknown = chosen.filter((name) => !DEFAULT_OAUTH_ALGORITHMS.includes(name));
  if (unknown.length > 0) throw new ConfigError(`OAUTH_ALGORITHMS may list only ${DEFAULT_OAUTH_ALGORITHMS.join(', ')}`);
  return chosen;
}

/**
 * Reads the OAuth settings: `null` when none of OAUTH_ISSUER, OAUTH_AUDIENCE and OAUTH_JWKS_URL
 * is set, an error when only some are.
 */
export function oauthConfigFrom(env: Env): McpOAuthConfig | null {
  const missing = OAUTH_VARIABLES.filter((name) => text(env, name) === undefined);
  if (missing.length === OAUTH_VARIABLES.length) return null;
  if (missing.length > 0) throw new ConfigError(`OAuth needs ${OAUTH_VARIABLES.join(', ')} together; missing ${missing.join(', ')}`);
  return {
    issuer: text(env, 'OAUTH_ISSUER') as string,
    audience: list(env, 'OAUTH_AUDIENCE'),
    jwksUrl: jwksUrl(text(env, 'OAUTH_JWKS_URL') as string),
    algorithms: algorithms(env),
    clockToleranceSeconds: integer(env, 'OAUTH_CLOCK_TOLERANCE_SECONDS', 30, 0, 300),
  };
}
