import type { Readable } from 'node:stream';

/** What a driver knows about one stored object. */
export interface StoredObject {
  /** The key it was stored under (without any driver prefix). */
  key: string;
  /** Size of the plaintext in bytes. */
  sizeBytes: number;
  /**
   * SHA-256 of the plaintext, lowercase hex. `null` only for S3 objects that this library did not
   * write (for example inbound PDFs left by the Python Faxbot), which carry no digest.
   */
  sha256: string | null;
  /** When the object was written (S3: its `LastModified`, to the second). */
  createdAt: Date;
  /** The content type given to `put`, when one was. */
  contentType?: string;
}

/** Options for {@link DocumentStorage.put}. */
export interface PutOptions {
  /** Printable ASCII, at most 127 characters, for example `application/pdf`. */
  contentType?: string;
}

/** Options for {@link DocumentStorage.signedUrl}. */
export interface SignedUrlOptions {
  /** Lifetime in whole seconds, 1 to {@link MAX_SIGNED_URL_SECONDS}. */
  expiresInSeconds: number;
  /**
   * Local driver: the gateway's public base URL (overrides the driver's `baseUrl`), the URL is
   * `<baseUrl>/storage/<key>?expires=&sig=`. Ignored by the S3 driver, whose URLs point at S3.
   */
  baseUrl?: string;
}

/**
 * The longest lifetime a document URL may have: 15 minutes. Document URLs carry PHI, so they are
 * short-lived; both drivers refuse longer ones with `INVALID_ARGUMENT`.
 */
export const MAX_SIGNED_URL_SECONDS = 15 * 60;

/**
 * Where fax documents live. Keys are chosen by the caller and validated (see
 * {@link isValidStorageKey}); `put` replaces an existing object atomically. Every failure is a
 * {@link StorageError} with a code.
 *
 * @example
 * const stored = await storage.put(`outbound/${jobId}.pdf`, upload, { contentType: 'application/pdf' });
 * const stream = await storage.get(stored.key); // plaintext; an integrity failure errors the stream
 * const url = await storage.signedUrl(stored.key, { expiresInSeconds: 300 });
 */
export interface DocumentStorage {
  /** Stores `content` under `key` and returns what was stored; nothing is stored if it fails. */
  put(key: string, content: Buffer | Readable, options?: PutOptions): Promise<StoredObject>;
  /**
   * Streams the plaintext. Rejects with `NOT_FOUND` when there is no such object. Corruption found
   * before the first byte rejects the promise; corruption found later errors the stream (code
   * `INTEGRITY`) before any unauthenticated byte is emitted.
   */
  get(key: string): Promise<Readable>;
  /** Removes the object; deleting a missing key succeeds. */
  delete(key: string): Promise<void>;
  /** The object's details, or `null` when it does not exist. */
  stat(key: string): Promise<StoredObject | null>;
  /** Every object whose key starts with `prefix` (`''` for all), sorted by key. */
  list(prefix: string): Promise<StoredObject[]>;
  /** A short-lived URL that lets its holder download the object without an API key. */
  signedUrl(key: string, options: SignedUrlOptions): Promise<string>;
}
