import { createHash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { StorageError } from '../storage.error';
import {
  ENVELOPE_LAYOUT,
  expectedFileBytes,
  openMetadata,
  openRecord,
  parseHeader,
  recordBytesOnDisk,
  recordCount,
  sealMetadata,
  sealRecord,
  unwrapDataKey,
  type EnvelopeHeader,
  type ObjectMetadata,
} from './object-envelope';
import type { StorageKeyring } from './storage-keyring';

/** An object whose header, data key and metadata have been authenticated. */
export interface AuthenticatedObject {
  header: EnvelopeHeader;
  dataKey: Buffer;
  metadata: ObjectMetadata;
}

/** Any chunk a content stream may yield, as bytes. */
function asBytes(piece: unknown): Buffer {
  if (Buffer.isBuffer(piece)) return piece;
  if (piece instanceof Uint8Array) return Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
  if (typeof piece === 'string') return Buffer.from(piece, 'utf8');
  throw new StorageError('SOURCE_FAILED', 'the content stream yielded something other than bytes');
}

/**
 * Reads and authenticates an object's header: the master key id, the wrapped data key, the
 * metadata (bound to `key`) and the file's exact length, before a single content byte is read.
 */
export async function readAuthenticatedHeader(handle: FileHandle, key: string, keyring: StorageKeyring): Promise<AuthenticatedObject> {
  const raw = Buffer.alloc(ENVELOPE_LAYOUT.headerBytes);
  const { bytesRead } = await handle.read(raw, 0, raw.length, 0);
  const header = parseHeader(raw.subarray(0, bytesRead));
  const wrapKey = keyring.wrapKeyFor(header.keyId);
  if (wrapKey === null) {
    throw new StorageError(
      'KEY_MISMATCH',
      `object ${key} was written under another master key (key id ${header.keyId.toString('hex')}, ` +
        `current ${keyring.current.keyId.toString('hex')}): load the right FAXBOT_SECRET_KEY or secret.key, or rewrap`,
    );
  }
  const dataKey = unwrapDataKey(header, wrapKey);
  const metadata = openMetadata(header, dataKey, key);
  const { size } = await handle.stat();
  if (size !== expectedFileBytes(metadata.sizeBytes, header.recordPlainBytes)) {
    throw new StorageError('INTEGRITY', `object ${key} has the wrong length: it was truncated or extended`);
  }
  return { header, dataKey, metadata };
}

/**
 * Decrypts the records that follow the header. Each record is authenticated as a whole before its
 * plaintext is yielded, so a corrupted record ends the stream with `INTEGRITY` and nothing of it is
 * emitted; record numbers and the final-record flag are authenticated too, which catches reordering
 * and truncation. The plaintext digest is checked at the end as a second line of defence.
 */
export async function* decryptRecords(source: AsyncIterable<unknown>, object: AuthenticatedObject): AsyncGenerator<Buffer> {
  const { header, dataKey, metadata } = object;
  const count = recordCount(metadata.sizeBytes, header.recordPlainBytes);
  const hash = createHash('sha256');
  let pending: Buffer = Buffer.alloc(0);
  let index = 0;
  let need = recordBytesOnDisk(0, metadata.sizeBytes, header.recordPlainBytes);
  for await (const piece of source) {
    pending = pending.length === 0 ? asBytes(piece) : Buffer.concat([pending, asBytes(piece)]);
    while (index < count && pending.length >= need) {
      const plain = openRecord(dataKey, header, index, index === count - 1, pending.subarray(0, need));
      pending = pending.subarray(need);
      hash.update(plain);
      index += 1;
      if (index < count) need = recordBytesOnDisk(index, metadata.sizeBytes, header.recordPlainBytes);
      if (plain.length > 0) yield plain;
    }
    if (index === count && pending.length > 0) throw new StorageError('INTEGRITY', 'the stored object has data after its final record');
  }
  if (index !== count) throw new StorageError('INTEGRITY', 'the stored object is truncated');
  if (!hash.digest().equals(metadata.sha256)) throw new StorageError('INTEGRITY', 'the stored object does not match its recorded digest');
}

/** What {@link writeEncrypted} needs besides the file and the content. */
export interface EncryptTarget {
  key: string;
  header: EnvelopeHeader;
  dataKey: Buffer;
  contentType?: string;
  createdAt: Date;
}

/**
 * Writes header and records to `handle`, then seals the metadata (size, digest) into the header
 * once they are known. Errors from the content stream become `SOURCE_FAILED`; the stream is
 * destroyed when writing stops early.
 */
export async function writeEncrypted(handle: FileHandle, content: Buffer | AsyncIterable<unknown>, target: EncryptTarget): Promise<ObjectMetadata> {
  const { header, dataKey } = target;
  const chunkBytes = header.recordPlainBytes;
  const hash = createHash('sha256');
  let position = ENVELOPE_LAYOUT.headerBytes;
  let index = 0;
  let sizeBytes = 0;
  const writeRecord = async (plain: Buffer, final: boolean): Promise<void> => {
    const record = sealRecord(dataKey, header, index, final, plain);
    await handle.write(record, 0, record.length, position);
    position += record.length;
    index += 1;
  };

  await handle.write(header.raw, 0, header.raw.length, 0);
  let pending: Buffer = Buffer.alloc(0);
  const iterator = (Buffer.isBuffer(content) ? [content] : content) as AsyncIterable<unknown> | Iterable<unknown>;
  const source = Symbol.asyncIterator in iterator ? iterator[Symbol.asyncIterator]() : iterator[Symbol.iterator]();
  let done = false;
  try {
    for (;;) {
      let step: IteratorResult<unknown>;
      try {
        step = await source.next();
      } catch (error) {
        throw new StorageError('SOURCE_FAILED', `the content stream for ${target.key} failed; nothing was stored`, { cause: error });
      }
      if (step.done === true) break;
      const bytes = asBytes(step.value);
      hash.update(bytes);
      sizeBytes += bytes.length;
      pending = pending.length === 0 ? bytes : Buffer.concat([pending, bytes]);
      // Keep at least one byte back: only the end of the stream says which record is final.
      while (pending.length > chunkBytes) {
        await writeRecord(pending.subarray(0, chunkBytes), false);
        pending = pending.subarray(chunkBytes);
      }
    }
    done = true;
  } finally {
    if (!done) await source.return?.();
  }
  await writeRecord(pending, true);

  const metadata: ObjectMetadata = { sizeBytes, sha256: hash.digest(), createdAt: target.createdAt, contentType: target.contentType };
  sealMetadata(header, dataKey, target.key, metadata);
  await handle.write(header.raw, 0, header.raw.length, 0);
  return metadata;
}
