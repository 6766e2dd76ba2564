import { randomBytes } from 'node:crypto';

const PREFIX = 'fbk_live_';

/** The two parts of a database API key token `fbk_live_<keyId>_<secret>`. */
export interface ApiKeyToken {
  keyId: string;
  secret: string;
}

/** Makes a new key id (12 hex characters) and secret (32 random bytes, base64url). */
export function generateApiKeyToken(keyId = randomBytes(6).toString('hex')): ApiKeyToken & { token: string } {
  const secret = randomBytes(32).toString('base64url');
  return { keyId, secret, token: `${PREFIX}${keyId}_${secret}` };
}

/**
 * Splits a presented token. The secret may itself contain `_`, so everything after the key id's
 * underscore belongs to it. Returns null for anything that is not a Faxbot database key.
 */
export function parseApiKeyToken(token: string): ApiKeyToken | null {
  if (!token.startsWith(PREFIX)) return null;
  const rest = token.slice(PREFIX.length);
  const separator = rest.indexOf('_');
  if (separator <= 0) return null;
  const keyId = rest.slice(0, separator);
  const secret = rest.slice(separator + 1);
  if (!/^[a-f0-9]{12}$/.test(keyId) || secret.length < 16) return null;
  return { keyId, secret };
}
