import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { StorageError } from '../storage.error';

// On-disk layout of one object (all integers big-endian):
//
//   0   4  magic "FXBS"              |
//   4   1  format version (1)        | "fixed": bound into every key-wrap and the metadata
//   5   3  reserved, zero            |
//   8   4  plaintext bytes per record|
//  12   8  master key id             } changed by a rewrap, together with the next three
//  20  12  wrap nonce                }
//  32  32  wrapped data key          }  AES-256-GCM under the wrap key, AAD = bytes 0..20
//  64  16  wrap tag                  }
//  80   8  nonce prefix (random)
//  88 176  sealed metadata           AES-256-GCM under the data key, nonce = prefix ‖ FFFFFFFF,
// 264  16  metadata tag              AAD = label ‖ bytes 0..12 ‖ object key
// 280   …  records: ciphertext ‖ 16-byte tag, nonce = prefix ‖ record index,
//            AAD = label ‖ record index ‖ final flag
//
// Metadata plaintext: size u64 ‖ sha256 (32) ‖ createdAt ms u64 ‖ content-type length u8 ‖
// content type padded with zeros to 127 bytes. It is written last, in place, once the digest is
// known. Binding the object key means a file moved to another key's path does not authenticate.

const MAGIC = Buffer.from('FXBS', 'ascii');
const VERSION = 1;
const TAG_BYTES = 16;
const DATA_KEY_BYTES = 32;
const METADATA_PLAIN_BYTES = 176;
const CONTENT_TYPE_BYTES = 127;
const METADATA_COUNTER = 0xffffffff;
const METADATA_LABEL = Buffer.from('faxbot-storage/v1/meta\n', 'utf8');
const RECORD_LABEL = Buffer.from('faxbot-storage/v1/record\n', 'utf8');
const MAX_RECORD_PLAIN_BYTES = 16 * 1024 * 1024;

/** Field offsets, exported for the tests that corrupt files on purpose. */
export const ENVELOPE_LAYOUT = {
  fixedEnd: 12,
  keyIdStart: 12,
  keyIdEnd: 20,
  wrapStart: 12,
  wrapEnd: 80,
  noncePrefixStart: 80,
  metadataStart: 88,
  headerBytes: 280,
} as const;

/** Plaintext bytes per record for new objects: 64 KiB. */
export const DEFAULT_RECORD_PLAIN_BYTES = 64 * 1024;

/** Authenticated facts about an object, sealed in its header. */
export interface ObjectMetadata {
  sizeBytes: number;
  sha256: Buffer;
  createdAt: Date;
  contentType?: string;
}

/** The parsed, not yet authenticated header. */
export interface EnvelopeHeader {
  raw: Buffer;
  recordPlainBytes: number;
  keyId: Buffer;
  noncePrefix: Buffer;
}

function integrity(message: string, cause?: unknown): StorageError {
  return new StorageError('INTEGRITY', message, { cause });
}

function gcmSeal(key: Buffer, nonce: Buffer, aad: Buffer, plaintext: Buffer): { ciphertext: Buffer; tag: Buffer } {
  const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { ciphertext, tag: cipher.getAuthTag() };
}

/** Decrypts and authenticates in one step: nothing is returned unless the tag verifies. */
function gcmOpen(key: Buffer, nonce: Buffer, aad: Buffer, ciphertext: Buffer, tag: Buffer, what: string): Buffer {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
    decipher.setAAD(aad);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch (error) {
    throw integrity(`${what} failed authentication: the stored object was altered or corrupted`, error);
  }
}

function recordNonce(noncePrefix: Buffer, index: number): Buffer {
  const nonce = Buffer.alloc(12);
  noncePrefix.copy(nonce, 0);
  nonce.writeUInt32BE(index, 8);
  return nonce;
}

function recordAad(index: number, final: boolean): Buffer {
  const aad = Buffer.alloc(RECORD_LABEL.length + 5);
  RECORD_LABEL.copy(aad, 0);
  aad.writeUInt32BE(index, RECORD_LABEL.length);
  aad[RECORD_LABEL.length + 4] = final ? 1 : 0;
  return aad;
}

function metadataAad(header: Buffer, objectKey: string): Buffer {
  return Buffer.concat([METADATA_LABEL, header.subarray(0, ENVELOPE_LAYOUT.fixedEnd), Buffer.from(objectKey, 'utf8')]);
}

/** How many records an object of `sizeBytes` has: at least one, so an empty object is authenticated too. */
export function recordCount(sizeBytes: number, recordPlainBytes: number): number {
  return Math.max(1, Math.ceil(sizeBytes / recordPlainBytes));
}

/** The exact file length an object of `sizeBytes` must have. */
export function expectedFileBytes(sizeBytes: number, recordPlainBytes: number): number {
  return ENVELOPE_LAYOUT.headerBytes + sizeBytes + recordCount(sizeBytes, recordPlainBytes) * TAG_BYTES;
}

/** Bytes of record `index` on disk, given the object's plaintext size. */
export function recordBytesOnDisk(index: number, sizeBytes: number, recordPlainBytes: number): number {
  const last = recordCount(sizeBytes, recordPlainBytes) - 1;
  const plain = index < last ? recordPlainBytes : sizeBytes - last * recordPlainBytes;
  return plain + TAG_BYTES;
}

/** A new object's header with an empty metadata slot, and the fresh data key it wraps. */
export function createHeader(wrapKey: Buffer, keyId: Buffer, recordPlainBytes = DEFAULT_RECORD_PLAIN_BYTES): { header: EnvelopeHeader; dataKey: Buffer } {
  const raw = Buffer.alloc(ENVELOPE_LAYOUT.headerBytes);
  MAGIC.copy(raw, 0);
  raw[4] = VERSION;
  raw.writeUInt32BE(recordPlainBytes, 8);
  randomBytes(8).copy(raw, ENVELOPE_LAYOUT.noncePrefixStart);
  const dataKey = randomBytes(DATA_KEY_BYTES);
  const header = parseHeader(raw);
  writeWrappedKey(header, wrapKey, keyId, dataKey);
  return { header, dataKey };
}

/** Checks the header's shape (magic, version, reserved bytes, record size); authenticates nothing yet. */
export function parseHeader(raw: Buffer): EnvelopeHeader {
  if (raw.length < ENVELOPE_LAYOUT.headerBytes) throw integrity('the stored object is shorter than its header');
  const header = raw.subarray(0, ENVELOPE_LAYOUT.headerBytes);
  if (!header.subarray(0, 4).equals(MAGIC)) throw integrity('the stored object is not in the Faxbot storage format');
  if (header[4] !== VERSION) throw integrity(`unsupported storage format version ${header[4]}`);
  if (header[5] !== 0 || header[6] !== 0 || header[7] !== 0) throw integrity('the stored object header is malformed');
  const recordPlainBytes = header.readUInt32BE(8);
  if (recordPlainBytes < 1 || recordPlainBytes > MAX_RECORD_PLAIN_BYTES) throw integrity('the stored object header is malformed');
  return {
    raw: header,
    recordPlainBytes,
    keyId: header.subarray(ENVELOPE_LAYOUT.keyIdStart, ENVELOPE_LAYOUT.keyIdEnd),
    noncePrefix: header.subarray(ENVELOPE_LAYOUT.noncePrefixStart, ENVELOPE_LAYOUT.metadataStart),
  };
}

/** Wraps `dataKey` under `wrapKey` into the header, in place (used on create and by rewrap). */
export function writeWrappedKey(header: EnvelopeHeader, wrapKey: Buffer, keyId: Buffer, dataKey: Buffer): void {
  keyId.copy(header.raw, ENVELOPE_LAYOUT.keyIdStart);
  const nonce = randomBytes(12);
  const { ciphertext, tag } = gcmSeal(wrapKey, nonce, header.raw.subarray(0, 20), dataKey);
  nonce.copy(header.raw, 20);
  ciphertext.copy(header.raw, 32);
  tag.copy(header.raw, 64);
}

/** Recovers the data key; the caller has already matched the key id to `wrapKey`. */
export function unwrapDataKey(header: EnvelopeHeader, wrapKey: Buffer): Buffer {
  const raw = header.raw;
  return gcmOpen(wrapKey, raw.subarray(20, 32), raw.subarray(0, 20), raw.subarray(32, 64), raw.subarray(64, 80), 'the wrapped data key');
}

/** Seals the metadata into the header, in place. */
export function sealMetadata(header: EnvelopeHeader, dataKey: Buffer, objectKey: string, metadata: ObjectMetadata): void {
  const plain = Buffer.alloc(METADATA_PLAIN_BYTES);
  plain.writeBigUInt64BE(BigInt(metadata.sizeBytes), 0);
  metadata.sha256.copy(plain, 8);
  plain.writeBigUInt64BE(BigInt(metadata.createdAt.getTime()), 40);
  const contentType = Buffer.from(metadata.contentType ?? '', 'ascii');
  if (contentType.length > CONTENT_TYPE_BYTES) throw new StorageError('INVALID_ARGUMENT', 'contentType is too long');
  plain[48] = contentType.length;
  contentType.copy(plain, 49);
  const { ciphertext, tag } = gcmSeal(dataKey, recordNonce(header.noncePrefix, METADATA_COUNTER), metadataAad(header.raw, objectKey), plain);
  ciphertext.copy(header.raw, ENVELOPE_LAYOUT.metadataStart);
  tag.copy(header.raw, ENVELOPE_LAYOUT.metadataStart + METADATA_PLAIN_BYTES);
}

/** Authenticates and reads the metadata; fails if the object was stored under another key. */
export function openMetadata(header: EnvelopeHeader, dataKey: Buffer, objectKey: string): ObjectMetadata {
  const start = ENVELOPE_LAYOUT.metadataStart;
  const plain = gcmOpen(
    dataKey,
    recordNonce(header.noncePrefix, METADATA_COUNTER),
    metadataAad(header.raw, objectKey),
    header.raw.subarray(start, start + METADATA_PLAIN_BYTES),
    header.raw.subarray(start + METADATA_PLAIN_BYTES, start + METADATA_PLAIN_BYTES + TAG_BYTES),
    'the object metadata',
  );
  const contentTypeLength = plain[48];
  return {
    sizeBytes: Number(plain.readBigUInt64BE(0)),
    sha256: Buffer.from(plain.subarray(8, 40)),
    createdAt: new Date(Number(plain.readBigUInt64BE(40))),
    contentType: contentTypeLength > 0 ? plain.subarray(49, 49 + contentTypeLength).toString('ascii') : undefined,
  };
}

/** Encrypts record `index`; the final record is flagged so that truncation at a boundary is detected. */
export function sealRecord(dataKey: Buffer, header: EnvelopeHeader, index: number, final: boolean, plaintext: Buffer): Buffer {
  if (index >= METADATA_COUNTER) throw new StorageError('TOO_LARGE', 'the content has too many records for one object');
  const { ciphertext, tag } = gcmSeal(dataKey, recordNonce(header.noncePrefix, index), recordAad(index, final), plaintext);
  return Buffer.concat([ciphertext, tag]);
}

/** Decrypts and authenticates record `index` (ciphertext ‖ tag) as a whole. */
export function openRecord(dataKey: Buffer, header: EnvelopeHeader, index: number, final: boolean, record: Buffer): Buffer {
  if (record.length < TAG_BYTES) throw integrity('a stored record is truncated');
  const split = record.length - TAG_BYTES;
  return gcmOpen(dataKey, recordNonce(header.noncePrefix, index), recordAad(index, final), record.subarray(0, split), record.subarray(split), `record ${index}`);
}
