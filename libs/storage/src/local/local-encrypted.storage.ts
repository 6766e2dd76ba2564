import { constants } from 'node:fs';
import { mkdir, open, rm, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Readable } from 'node:stream';
import type { DocumentStorage, PutOptions, SignedUrlOptions, StoredObject } from '../document-storage';
import { assertValidContentType, assertValidStorageKey, assertValidStoragePrefix } from '../input-validation';
import { StorageError } from '../storage.error';
import { writeFileAtomically } from './atomic-file';
import { LocalUrlSigner, type SignedUrlVerdict } from './local-url.signer';
import { decryptRecords, readAuthenticatedHeader, writeEncrypted, type AuthenticatedObject } from './object-file';
import { createHeader, DEFAULT_RECORD_PLAIN_BYTES, type ObjectMetadata } from './object-envelope';
import { listObjectKeys, objectPath } from './object-paths';
import { StorageKeyring } from './storage-keyring';

/** Options for {@link LocalEncryptedStorage}. */
export interface LocalEncryptedStorageOptions {
  /** Directory for the object files; created with mode 0700 when missing. */
  rootDir: string;
  /** The 32-byte master key (`FAXBOT_SECRET_KEY` or `<FAX_DATA_DIR>/secret.key`). */
  masterKey: Buffer;
  /** Earlier master keys, accepted for reading only, while {@link rewrapLocalStorage} runs. */
  previousMasterKeys?: readonly Buffer[];
  /** HMAC key for download URLs; by default derived from the master key (HKDF, `faxbot-storage-url`). */
  signingKey?: Buffer;
  /** The gateway's public base URL for {@link LocalEncryptedStorage.signedUrl}, e.g. `https://fax.example.com`. */
  baseUrl?: string;
  /** Plaintext bytes per encrypted record for new objects (default 64 KiB). */
  recordBytes?: number;
  /** Clock, for tests. */
  now?: () => Date;
}

function errorCode(error: unknown): string | undefined {
  return (error as { code?: string } | null)?.code;
}

/** Storage errors pass through; anything else is the file system failing. */
function asStorageError(error: unknown, action: string, key: string): StorageError {
  if (StorageError.is(error)) return error;
  return new StorageError('BACKEND_FAILED', `could not ${action} ${key} (${errorCode(error) ?? 'error'})`, { cause: error });
}

function toStoredObject(key: string, metadata: ObjectMetadata): StoredObject {
  const stored: StoredObject = { key, sizeBytes: metadata.sizeBytes, sha256: metadata.sha256.toString('hex'), createdAt: metadata.createdAt };
  if (metadata.contentType !== undefined) stored.contentType = metadata.contentType;
  return stored;
}

/**
 * Documents on local disk, encrypted at rest. Each object is one file holding a header (format
 * version, a random 32-byte data key wrapped with AES-256-GCM under a key derived from the master
 * key, the sealed size/digest/content type) and the content as AES-256-GCM records of 64 KiB, each
 * authenticated before it is returned. Files are 0600, directories 0700, writes are atomic and leave
 * no temporary file behind on failure. Download URLs are HMAC-signed and served by the gateway.
 *
 * @example
 * const storage = new LocalEncryptedStorage({ rootDir: join(dataDir, 'storage'), masterKey, baseUrl: 'https://fax.example.com' });
 * await storage.put('outbound/3f9a.pdf', pdfBuffer, { contentType: 'application/pdf' });
 * const url = await storage.signedUrl('outbound/3f9a.pdf', { expiresInSeconds: 300 });
 */
export class LocalEncryptedStorage implements DocumentStorage {
  private readonly rootDir: string;
  private readonly keyring: StorageKeyring;
  private readonly signer: LocalUrlSigner;
  private readonly baseUrl: string | undefined;
  private readonly recordBytes: number;
  private readonly now: () => Date;

  constructor(options: LocalEncryptedStorageOptions) {
    if (typeof options.rootDir !== 'string' || options.rootDir === '') throw new StorageError('CONFIG_INVALID', 'rootDir is required');
    this.rootDir = options.rootDir;
    this.keyring = new StorageKeyring(options.masterKey, options.previousMasterKeys);
    this.signer = new LocalUrlSigner(options.signingKey ?? this.keyring.current.urlKey);
    this.baseUrl = options.baseUrl;
    this.recordBytes = options.recordBytes ?? DEFAULT_RECORD_PLAIN_BYTES;
    if (!Number.isInteger(this.recordBytes) || this.recordBytes < 1 || this.recordBytes > 16 * 1024 * 1024) {
      throw new StorageError('CONFIG_INVALID', 'recordBytes must be a whole number from 1 to 16 MiB');
    }
    this.now = options.now ?? (() => new Date());
  }

  async put(key: string, content: Buffer | Readable, options: PutOptions = {}): Promise<StoredObject> {
    assertValidStorageKey(key);
    assertValidContentType(options.contentType);
    if (!Buffer.isBuffer(content) && !(content instanceof Readable)) throw new StorageError('INVALID_ARGUMENT', 'content must be a Buffer or a Readable');
    const path = objectPath(this.rootDir, key);
    try {
      await mkdir(dirname(path), { recursive: true, mode: 0o700 });
      const { header, dataKey } = createHeader(this.keyring.current.wrapKey, this.keyring.current.keyId, this.recordBytes);
      const target = { key, header, dataKey, contentType: options.contentType, createdAt: this.now() };
      const metadata = await writeFileAtomically(path, (handle) => writeEncrypted(handle, content, target));
      return toStoredObject(key, metadata);
    } catch (error) {
      if (!Buffer.isBuffer(content)) content.destroy();
      throw asStorageError(error, 'store', key);
    }
  }

  async get(key: string): Promise<Readable> {
    assertValidStorageKey(key);
    const handle = await this.openObject(key);
    if (handle === null) throw new StorageError('NOT_FOUND', `no object ${key}`);
    let object: AuthenticatedObject;
    try {
      object = await readAuthenticatedHeader(handle, key, this.keyring);
    } catch (error) {
      await handle.close();
      throw asStorageError(error, 'read', key);
    }
    // The stream owns the handle from here: it closes it at the end, on error and when destroyed,
    // even when it is destroyed before anything was read.
    const records = handle.createReadStream({ start: object.header.raw.length, highWaterMark: object.header.recordPlainBytes + 16 });
    const plaintext = Readable.from(decryptRecords(records, object), { objectMode: false });
    plaintext.once('close', () => records.destroy());
    return plaintext;
  }

  async delete(key: string): Promise<void> {
    assertValidStorageKey(key);
    try {
      await rm(objectPath(this.rootDir, key), { force: true });
    } catch (error) {
      throw asStorageError(error, 'delete', key);
    }
  }

  async stat(key: string): Promise<StoredObject | null> {
    assertValidStorageKey(key);
    const handle = await this.openObject(key);
    if (handle === null) return null;
    try {
      return toStoredObject(key, (await readAuthenticatedHeader(handle, key, this.keyring)).metadata);
    } catch (error) {
      throw asStorageError(error, 'read', key);
    } finally {
      await handle.close();
    }
  }

  async list(prefix: string): Promise<StoredObject[]> {
    assertValidStoragePrefix(prefix);
    let keys: string[];
    try {
      keys = await listObjectKeys(this.rootDir, prefix);
    } catch (error) {
      throw asStorageError(error, 'list', prefix === '' ? 'the storage directory' : prefix);
    }
    const found: StoredObject[] = [];
    for (const key of keys) {
      // An object deleted between the directory read and the stat is simply not listed.
      const stored = await this.stat(key);
      if (stored !== null) found.push(stored);
    }
    return found;
  }

  async signedUrl(key: string, options: SignedUrlOptions): Promise<string> {
    const baseUrl = options.baseUrl ?? this.baseUrl;
    if (baseUrl === undefined) throw new StorageError('INVALID_ARGUMENT', 'a baseUrl is needed for local download URLs (the gateway public URL)');
    return this.signer.sign(key, { baseUrl, expiresInSeconds: options.expiresInSeconds, now: this.now() });
  }

  /**
   * Checks a download URL's parts for the gateway route that serves `/storage/<key>`: `valid`,
   * `expired` (the signature is right but the time is up) or `invalid`. Constant-time comparison.
   */
  verifySignedUrl(key: unknown, expires: unknown, sig: unknown, now: Date = this.now()): SignedUrlVerdict {
    return this.signer.verify(key, expires, sig, now);
  }

  /** Opens an object file without following a symbolic link; `null` when it does not exist. */
  private async openObject(key: string): Promise<FileHandle | null> {
    try {
      return await open(objectPath(this.rootDir, key), constants.O_RDONLY | constants.O_NOFOLLOW);
    } catch (error) {
      if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') return null;
      throw asStorageError(error, 'open', key);
    }
  }
}
