import { hkdfSync } from 'node:crypto';
import { StorageError } from '../storage.error';

const MASTER_KEY_BYTES = 32;
const SALT = Buffer.from('faxbot-storage/v1', 'utf8');

/** Keys derived from one master key, each for one purpose (HKDF-SHA256 with distinct labels). */
export interface DerivedStorageKeys {
  /** 8 bytes written in each object's header so a wrong master key is named as such. Not secret. */
  keyId: Buffer;
  /** AES-256-GCM key that wraps the per-object data keys. */
  wrapKey: Buffer;
  /** HMAC-SHA256 key for signed download URLs (label `faxbot-storage-url`). */
  urlKey: Buffer;
}

function derive(masterKey: Buffer, label: string, length: number): Buffer {
  return Buffer.from(hkdfSync('sha256', masterKey, SALT, Buffer.from(label, 'utf8'), length));
}

/** Throws `CONFIG_INVALID` unless `key` is a 32-byte buffer. */
export function assertMasterKey(key: unknown, name: string): asserts key is Buffer {
  if (!Buffer.isBuffer(key) || key.length !== MASTER_KEY_BYTES) {
    throw new StorageError('CONFIG_INVALID', `${name} must be a Buffer of ${MASTER_KEY_BYTES} bytes`);
  }
}

/**
 * Derives the storage keys from the master key (the gateway's `FAXBOT_SECRET_KEY` or
 * `secret.key`). Deriving keeps storage from using the master key itself, which also seals the
 * config store's secrets.
 */
export function deriveStorageKeys(masterKey: Buffer): DerivedStorageKeys {
  assertMasterKey(masterKey, 'masterKey');
  return {
    keyId: derive(masterKey, 'faxbot-storage-key-id', 8),
    wrapKey: derive(masterKey, 'faxbot-storage-wrap', 32),
    urlKey: derive(masterKey, 'faxbot-storage-url', 32),
  };
}
