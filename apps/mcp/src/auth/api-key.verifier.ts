import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { VerifiedClient } from './verified-client';

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/** The credential a request presents (an API key or an access token): `Authorization: Bearer <credential>`, else `X-API-Key`. */
export function presentedKey(request: { headers: IncomingHttpHeaders }): string | undefined {
  const authorization = request.headers.authorization;
  if (authorization !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    return match?.[1];
  }
  const header = request.headers['x-api-key'];
  return typeof header === 'string' && header !== '' ? header : undefined;
}

/**
 * Checks presented keys against the configured ones. Every configured key is compared, in
 * constant time over SHA-256 digests, so timing reveals neither a key nor which one matched.
 *
 * @example
 * const verify = createApiKeyVerifier(config.http.apiKeys);
 * const client = verify(presentedKey(request)); // null when missing or wrong
 */
export function createApiKeyVerifier(keys: string[]): (presented: string | undefined) => VerifiedClient | null {
  const known = keys.map((key) => ({ digest: digest(key), keyId: digest(key).toString('hex').slice(0, 12) }));
  return (presented) => {
    if (presented === undefined) return null;
    const candidate = digest(presented);
    let match: VerifiedClient | null = null;
    for (const key of known) {
      if (timingSafeEqual(candidate, key.digest)) match = { keyId: key.keyId, method: 'api-key' };
    }
    return match;
  };
}
