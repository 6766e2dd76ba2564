import { createHash, timingSafeEqual } from 'node:crypto';

const SHA512_SRI = /^sha512-([A-Za-z0-9+/]{86}==)$/;

/**
 * npm's integrity string for a tarball: `sha512-<base64>` of the bytes, the same value the
 * registry publishes as `dist.integrity`, `npm pack --json` prints and lockfiles record.
 */
export function computeIntegrity(bytes: Uint8Array): string {
  return `sha512-${createHash('sha512').update(bytes).digest('base64')}`;
}

/**
 * The sha512 digest named by a Subresource-Integrity string, or null when it holds none. Lockfiles
 * and registries may list several space-separated hashes (`sha512-… sha1-…`); only sha512 counts.
 */
export function sha512DigestOf(integrity: string): Buffer | null {
  for (const token of integrity.trim().split(/\s+/)) {
    const match = SHA512_SRI.exec(token);
    if (match !== null) return Buffer.from(match[1] as string, 'base64');
  }
  return null;
}

/**
 * True when both strings name the same sha512 digest. Compared in constant time so the check does
 * not leak how much of a forged hash was right; a string without a sha512 digest never matches.
 */
export function integrityEquals(a: string, b: string): boolean {
  const left = sha512DigestOf(a);
  const right = sha512DigestOf(b);
  if (left === null || right === null || left.length !== right.length) return false;
  return timingSafeEqual(left, right);
}
