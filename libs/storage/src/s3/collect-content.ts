import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { StorageError } from '../storage.error';

/** Content read into memory, with its digest. */
export interface CollectedContent {
  bytes: Buffer;
  sha256: Buffer;
}

function asBytes(piece: unknown): Buffer {
  if (Buffer.isBuffer(piece)) return piece;
  if (piece instanceof Uint8Array) return Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
  if (typeof piece === 'string') return Buffer.from(piece, 'utf8');
  throw new StorageError('SOURCE_FAILED', 'the content stream yielded something other than bytes');
}

/**
 * Reads `content` into one buffer, hashing as it goes, and refuses with `TOO_LARGE` (destroying the
 * stream) as soon as it passes `maxBytes`. Fax documents are at most tens of megabytes, so holding
 * one in memory is acceptable; it lets the upload carry its length and SHA-256 checksum.
 */
export async function collectContent(content: Buffer | Readable, maxBytes: number, key: string): Promise<CollectedContent> {
  if (Buffer.isBuffer(content)) {
    if (content.length > maxBytes) throw new StorageError('TOO_LARGE', `object ${key} is larger than ${maxBytes} bytes`);
    return { bytes: content, sha256: createHash('sha256').update(content).digest() };
  }
  const hash = createHash('sha256');
  const parts: Buffer[] = [];
  let total = 0;
  const iterator = content[Symbol.asyncIterator]();
  try {
    for (;;) {
      let step: IteratorResult<unknown>;
      try {
        step = await iterator.next();
      } catch (error) {
        throw new StorageError('SOURCE_FAILED', `the content stream for ${key} failed; nothing was stored`, { cause: error });
      }
      if (step.done === true) break;
      const bytes = asBytes(step.value);
      total += bytes.length;
      if (total > maxBytes) throw new StorageError('TOO_LARGE', `object ${key} is larger than ${maxBytes} bytes`);
      hash.update(bytes);
      parts.push(bytes);
    }
  } catch (error) {
    await iterator.return?.();
    throw error;
  }
  return { bytes: Buffer.concat(parts, total), sha256: hash.digest() };
}
