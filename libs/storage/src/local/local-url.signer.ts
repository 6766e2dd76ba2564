import { createHmac, timingSafeEqual } from 'node:crypto';
import { MAX_SIGNED_URL_SECONDS } from '../document-storage';
import { assertValidLifetime, isValidStorageKey } from '../input-validation';
import { StorageError } from '../storage.error';

/** The outcome of checking a signed download URL. */
export type SignedUrlVerdict = 'valid' | 'expired' | 'invalid';

const EXPIRES = /^[1-9][0-9]{0,11}$/;
const SIGNATURE = /^[A-Za-z0-9_-]{43}$/;
// A little tolerance for clocks that differ between the replica that signed and the one that serves.
const CLOCK_SKEW_SECONDS = 60;

/**
 * Signs and checks the gateway's own download URLs, the local counterpart of S3 presigned URLs:
 * `<baseUrl>/storage/<key>?expires=<unix seconds>&sig=<base64url HMAC-SHA256(key + "\n" + expires)>`.
 * Every replica given the same key (derived from the shared master key) accepts the others' URLs.
 *
 * @example
 * const signer = new LocalUrlSigner(signingKey);
 * // in the gateway's GET /storage/* route:
 * if (signer.verify(key, req.query.expires, req.query.sig) !== 'valid') return res.status(403).end();
 */
export class LocalUrlSigner {
  private readonly key: Buffer;

  /** @param key the HMAC key, at least 32 bytes. */
  constructor(key: Buffer) {
    if (!Buffer.isBuffer(key) || key.length < 32) throw new StorageError('CONFIG_INVALID', 'a URL signing key must be at least 32 bytes');
    this.key = Buffer.from(key);
  }

  /** A URL for `key` that expires `expiresInSeconds` (1–900) after `now`. */
  sign(key: string, options: { baseUrl: string; expiresInSeconds: number; now?: Date }): string {
    if (!isValidStorageKey(key)) throw new StorageError('INVALID_KEY', 'invalid storage key');
    assertValidLifetime(options.expiresInSeconds, MAX_SIGNED_URL_SECONDS);
    const base = parseBaseUrl(options.baseUrl);
    const expires = String(Math.floor((options.now ?? new Date()).getTime() / 1000) + options.expiresInSeconds);
    return `${base}/storage/${key}?expires=${expires}&sig=${this.signature(key, expires).toString('base64url')}`;
  }

  /**
   * Checks a URL's parts as the route received them. `invalid` for a wrong or malformed signature,
   * a malformed key or expiry, or an expiry further ahead than any URL this signer issues;
   * `expired` only when the signature is right. The comparison takes constant time.
   */
  verify(key: unknown, expires: unknown, sig: unknown, now: Date = new Date()): SignedUrlVerdict {
    if (!isValidStorageKey(key) || typeof expires !== 'string' || !EXPIRES.test(expires)) return 'invalid';
    if (typeof sig !== 'string' || !SIGNATURE.test(sig)) return 'invalid';
    const given = Buffer.from(sig, 'base64url');
    const expected = this.signature(key, expires);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'invalid';
    const nowSeconds = Math.floor(now.getTime() / 1000);
    const expiresAt = Number(expires);
    if (expiresAt > nowSeconds + MAX_SIGNED_URL_SECONDS + CLOCK_SKEW_SECONDS) return 'invalid';
    return expiresAt < nowSeconds ? 'expired' : 'valid';
  }

  private signature(key: string, expires: string): Buffer {
    return createHmac('sha256', this.key).update(`${key}\n${expires}`, 'utf8').digest();
  }
}

function parseBaseUrl(baseUrl: unknown): string {
  let url: URL | undefined;
  try {
    url = typeof baseUrl === 'string' ? new URL(baseUrl) : undefined;
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.search !== '' || url.hash !== '') {
    throw new StorageError('INVALID_ARGUMENT', 'baseUrl must be an http(s) URL without query or fragment, such as https://fax.example.com');
  }
  return (baseUrl as string).replace(/\/+$/, '');
}
