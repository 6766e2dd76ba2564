/**
 * Why a secret could not be sealed, opened or keyed.
 *
 * - `KEY_INVALID`: `FAXBOT_SECRET_KEY` or the key file does not hold a 32-byte key.
 * - `KEY_FILE_INSECURE`: the key file can be read or written by group or others.
 * - `KEY_FILE_UNREADABLE`: the key file exists but cannot be read (permissions, not a file).
 * - `SECRET_MALFORMED`: a value is not in the `enc:v1:<iv>:<tag>:<ciphertext>` format.
 * - `SECRET_UNREADABLE`: authentication failed: the value was altered, or it was sealed with another key.
 */
export type SecretBoxErrorCode = 'KEY_INVALID' | 'KEY_FILE_INSECURE' | 'KEY_FILE_UNREADABLE' | 'SECRET_MALFORMED' | 'SECRET_UNREADABLE';

/** Raised by the secret box and the key loader. Messages never contain a key or a secret value. */
export class SecretBoxError extends Error {
  readonly code: SecretBoxErrorCode;

  constructor(code: SecretBoxErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SecretBoxError';
    this.code = code;
  }
}
