import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { SecretBoxError } from './secret-box.error';

const PREFIX = 'enc:v1:';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

function decodePart(part: string | undefined, bytes: number | null): Buffer | null {
  if (part === undefined || !BASE64URL.test(part)) return null;
  const decoded = Buffer.from(part, 'base64url');
  // Reject non-canonical text (stray characters Node would silently drop) by round-tripping.
  if (decoded.toString('base64url') !== part) return null;
  return bytes === null || decoded.length === bytes ? decoded : null;
}

/**
 * Seals secrets for storage with AES-256-GCM: a fresh random 12-byte IV per value and a 16-byte
 * authentication tag, written as `enc:v1:<iv>:<tag>:<ciphertext>` (each part base64url). Opening
 * checks the tag, so a value that was altered, or sealed under another key, is refused rather than
 * decrypted into garbage.
 *
 * @example
 * const box = new SecretBox((await loadSecretKey({ envValue, keyFile })).key);
 * const sealed = box.seal('phaxio-api-secret'); // 'enc:v1:…'
 * box.open(sealed); // 'phaxio-api-secret'
 */
export class SecretBox {
  private readonly key: Buffer;

  /** @param key exactly 32 bytes, as {@link loadSecretKey} returns. */
  constructor(key: Uint8Array) {
    if (key.length !== KEY_BYTES) throw new SecretBoxError('KEY_INVALID', `a secret key must be ${KEY_BYTES} bytes`);
    this.key = Buffer.from(key);
  }

  /** True when `value` is a string in the sealed format's shape (it may still fail to open). */
  static isSealed(value: unknown): value is string {
    return typeof value === 'string' && value.startsWith(PREFIX);
  }

  /** Same as {@link SecretBox.isSealed}, for callers holding a box. */
  isSealed(value: unknown): value is string {
    return SecretBox.isSealed(value);
  }

  /** Encrypts `plaintext` (UTF-8) under a new random IV. */
  seal(plaintext: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv, { authTagLength: TAG_BYTES });
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return `${PREFIX}${iv.toString('base64url')}:${cipher.getAuthTag().toString('base64url')}:${ciphertext.toString('base64url')}`;
  }

  /**
   * Decrypts a sealed value. Throws a {@link SecretBoxError} with code `SECRET_MALFORMED` when the text
   * is not in the sealed format, and `SECRET_UNREADABLE` when it was altered or sealed under another key.
   */
  open(sealed: string): string {
    const parts = SecretBox.isSealed(sealed) ? sealed.slice(PREFIX.length).split(':') : [];
    const iv = decodePart(parts[0], IV_BYTES);
    const tag = decodePart(parts[1], TAG_BYTES);
    const ciphertext = decodePart(parts[2], null);
    if (parts.length !== 3 || iv === null || tag === null || ciphertext === null) {
      throw new SecretBoxError('SECRET_MALFORMED', 'not a sealed secret (expected enc:v1:<iv>:<tag>:<ciphertext>)');
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, iv, { authTagLength: TAG_BYTES });
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
    } catch (error) {
      throw new SecretBoxError(
        'SECRET_UNREADABLE',
        'a sealed secret failed authentication: it was altered, or sealed with a different key (FAXBOT_SECRET_KEY or secret.key)',
        { cause: error },
      );
    }
  }
}
