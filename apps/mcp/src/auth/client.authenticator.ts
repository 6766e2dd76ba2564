import type { IncomingHttpHeaders } from 'node:http';
import type { McpOAuthConfig } from '../config/oauth-config';
import { createApiKeyVerifier, presentedKey } from './api-key.verifier';
import { createJwtAccessTokenVerifier, looksLikeJwt, type JwtAccessTokenVerifierOptions } from './jwt-access-token.verifier';
import type { AuthCheck } from './verified-client';

/** Checks the credential of one HTTP request (or WebSocket upgrade); never throws. */
export type ClientAuthenticator = (request: { headers: IncomingHttpHeaders }) => Promise<AuthCheck>;

/** What {@link createClientAuthenticator} needs. */
export interface ClientAuthenticatorOptions {
  /** Static keys (`MCP_HTTP_API_KEYS`); may be empty when OAuth is configured. */
  apiKeys: string[];
  /** OAuth access tokens, or `null`; JWKS cache tuning may be added for tests. */
  oauth: (McpOAuthConfig & Partial<JwtAccessTokenVerifierOptions>) | null;
}

/**
 * Lets in a request that presents, as `Authorization: Bearer <credential>` (or `X-API-Key`),
 * either one of the configured API keys or — when OAuth is configured — a valid access token.
 * A configured key is checked first (in constant time); a credential shaped like a JWT is then
 * verified as a token.
 *
 * @example
 * const authenticate = createClientAuthenticator({ apiKeys: config.http.apiKeys, oauth: config.http.oauth });
 * const check = await authenticate(request);
 * if (!check.ok) logger.warn('refused', { reason: check.failure.reason });
 */
export function createClientAuthenticator(options: ClientAuthenticatorOptions): ClientAuthenticator {
  const verifyKey = createApiKeyVerifier(options.apiKeys);
  const verifyToken = options.oauth === null ? null : createJwtAccessTokenVerifier(options.oauth);
  const invalid: AuthCheck = {
    ok: false,
    failure: { reason: 'invalid_key', description: verifyToken === null ? 'The key is not valid' : 'The key or access token is not valid' },
  };
  return async (request) => {
    const credential = presentedKey(request);
    if (credential === undefined) return { ok: false, failure: { reason: 'missing', description: 'No credential was presented' } };
    const client = verifyKey(credential);
    if (client !== null) return { ok: true, client };
    if (verifyToken !== null && looksLikeJwt(credential)) return verifyToken(credential);
    return invalid;
  };
}
