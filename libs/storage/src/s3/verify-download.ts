import { createHash } from 'node:crypto';
import { StorageError } from '../storage.error';

/** What an S3 object is expected to be, from its response headers. */
export interface ExpectedDownload {
  key: string;
  sizeBytes: number | undefined;
  sha256: string | null;
}

/**
 * Passes an S3 download through, checking its length and (when the object carries one) its
 * SHA-256 digest at the end; a mismatch errors the stream with `INTEGRITY`. S3 already protects
 * the transfer, so this is defence in depth, and unlike the local driver it can only tell after the
 * bytes went by: a consumer must treat a stream error as the whole download failing.
 */
export async function* verifyDownload(body: AsyncIterable<unknown>, expected: ExpectedDownload): AsyncGenerator<Buffer> {
  const hash = createHash('sha256');
  let total = 0;
  for await (const piece of body) {
    const bytes = Buffer.isBuffer(piece) ? piece : Buffer.from(piece as Uint8Array);
    hash.update(bytes);
    total += bytes.length;
    yield bytes;
  }
  if (expected.sizeBytes !== undefined && total !== expected.sizeBytes) {
    throw new StorageError('INTEGRITY', `object ${expected.key} ended after ${total} of ${expected.sizeBytes} bytes`);
  }
  if (expected.sha256 !== null && hash.digest('hex') !== expected.sha256) {
    throw new StorageError('INTEGRITY', `object ${expected.key} does not match its recorded SHA-256`);
  }
}
