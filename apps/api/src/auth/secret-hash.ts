import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const PARAMS = { N: 16384, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;

function derive(secret: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolvePromise, reject) => {
    scrypt(secret, salt, KEY_LENGTH, { ...options, maxmem: 64 * 1024 * 1024 }, (error, key) =>
      error ? reject(error) : resolvePromise(key),
    );
  });
}

/**
 * Hashes an API key secret with scrypt. Format (the original Faxbot's):
 * `scrypt$<salt b64url>$<hash b64url>$n=16384$r=8$p=1`.
 */
export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await derive(secret, salt, PARAMS);
  return `scrypt$${salt.toString('base64url')}$${hash.toString('base64url')}$n=${PARAMS.N}$r=${PARAMS.r}$p=${PARAMS.p}`;
}

/** Checks a secret against a stored hash in constant time; false for malformed hashes. */
export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const match = /^scrypt\$([A-Za-z0-9_-]+)\$([A-Za-z0-9_-]+)\$n=(\d+)\$r=(\d+)\$p=(\d+)$/.exec(stored);
  if (match === null) return false;
  const [, salt, hash, n, r, p] = match as unknown as [string, string, string, string, string, string];
  const expected = Buffer.from(hash, 'base64url');
  const actual = await derive(secret, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p) });
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
