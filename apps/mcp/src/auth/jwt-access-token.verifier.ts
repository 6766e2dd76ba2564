import { createHash } from 'node:crypto';
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import type { McpOAuthConfig } from '../config/oauth-config';
import type { AuthCheck, AuthFailure } from './verified-client';

/** What {@link createJwtAccessTokenVerifier} needs: the OAuth settings, and JWKS cache tuning. */
export interface JwtAccessTokenVerifierOptions extends McpOAuthConfig {
  /** After a fetch, no new one for this long, even for an unknown `kid` (default 30 s). */
  jwksCooldownMs?: number;
  /** Keys are fetched again after this long (default 10 min). */
  jwksCacheMaxAgeMs?: number;
  /** Time allowed for one JWKS request (default 5 s). */
  jwksTimeoutMs?: number;
}

/** Checks one bearer token; never throws. */
export type JwtAccessTokenVerifier = (token: string) => Promise<AuthCheck>;

const fail = (reason: AuthFailure['reason'], description: string): AuthCheck => ({ ok: false, failure: { reason, description } });

// A compact JWS: three base64url parts. Anything else is not worth a JWKS lookup.
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** True when a bearer credential has the shape of a JWT (API keys do not). */
export function looksLikeJwt(credential: string): boolean {
  return COMPACT_JWS.test(credential);
}

function claimFailure(error: InstanceType<typeof errors.JWTClaimValidationFailed>): AuthCheck {
  if (error.claim === 'aud') return fail('wrong_audience', 'The access token was not issued for this server (audience)');
  if (error.claim === 'iss') return fail('wrong_issuer', 'The access token comes from an issuer this server does not trust');
  if (error.claim === 'nbf') return fail('not_yet_valid', 'The access token is not valid yet');
  if (error.reason === 'missing') return fail('missing_claim', `The access token lacks the "${error.claim}" claim`);
  return fail('malformed_token', 'The access token has an invalid claim');
}

// Maps jose's errors to the reasons we log and the descriptions clients see. Network failures
// reaching the JWKS are not the client's fault and are reported as such.
function failureOf(error: unknown): AuthCheck {
  if (error instanceof errors.JWTExpired) return fail('expired', 'The access token expired');
  if (error instanceof errors.JWTClaimValidationFailed) return claimFailure(error);
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) return fail('unknown_key', 'The access token is signed with a key the issuer does not publish');
  if (error instanceof errors.JOSEAlgNotAllowed) return fail('algorithm_not_allowed', 'The access token uses a signature algorithm this server does not accept');
  if (error instanceof errors.JWSSignatureVerificationFailed) return fail('bad_signature', 'The access token signature is not valid');
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid || error instanceof errors.JOSENotSupported) return fail('malformed_token', 'The access token is malformed');
  return fail('jwks_unavailable', 'The signing keys of the token issuer cannot be fetched right now');
}

// Sessions are bound to the token's subject rather than the token, so a refreshed token of the
// same client keeps its session. The subject itself may be an e-mail address: only a hash is kept.
function fingerprint(issuer: string, payload: JWTPayload): string {
  const subject = payload.sub ?? (typeof payload['client_id'] === 'string' ? payload['client_id'] : '');
  return `jwt-${createHash('sha256').update(`${issuer}\n${subject}`, 'utf8').digest('hex').slice(0, 12)}`;
}

/**
 * Verifies OAuth 2 access tokens that are JWTs: the signature against the issuer's JWKS (fetched
 * on first use, cached, and fetched again when a token names an unknown `kid`), the algorithm
 * against the allowlist, and `iss`, `aud`, `exp` (required) and `nbf` with the configured leeway.
 *
 * @example
 * const verify = createJwtAccessTokenVerifier(config.http.oauth);
 * const check = await verify(token); // { ok: true, client } or { ok: false, failure: { reason: 'expired', … } }
 */
export function createJwtAccessTokenVerifier(options: JwtAccessTokenVerifierOptions): JwtAccessTokenVerifier {
  const keys = createRemoteJWKSet(new URL(options.jwksUrl), {
    cooldownDuration: options.jwksCooldownMs ?? 30_000,
    cacheMaxAge: options.jwksCacheMaxAgeMs ?? 600_000,
    timeoutDuration: options.jwksTimeoutMs ?? 5_000,
  });
  return async (token) => {
    if (!looksLikeJwt(token)) return fail('malformed_token', 'The access token is malformed');
    try {
      const { payload } = await jwtVerify(token, keys, {
        issuer: options.issuer,
        audience: options.audience,
        algorithms: options.algorithms,
        clockTolerance: options.clockToleranceSeconds,
        requiredClaims: ['exp'],
      });
      return { ok: true, client: { keyId: fingerprint(options.issuer, payload), method: 'oauth', expiresAt: (payload.exp as number) * 1000 } };
    } catch (error) {
      return failureOf(error);
    }
  };
}
