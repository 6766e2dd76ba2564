import { Transform, type TransformCallback } from 'node:stream';
import { DocumentError } from '../document.error';
import { DEFAULT_DOCUMENT_LIMITS } from './document-limits';

/**
 * Throws `FILE_TOO_LARGE` when `sizeBytes` is over `maxFileBytes`. Call it with the running total
 * while an upload streams in, so an oversized file is refused before it is fully read.
 *
 * @example
 * let received = 0;
 * for await (const chunk of upload) checkFileSize((received += chunk.length), config.maxFileBytes);
 */
export function checkFileSize(sizeBytes: number, maxFileBytes: number = DEFAULT_DOCUMENT_LIMITS.maxFileBytes): void {
  if (sizeBytes > maxFileBytes) throw new DocumentError('FILE_TOO_LARGE', `The file is larger than the ${formatSize(maxFileBytes)} limit.`);
}

/**
 * A pass-through stream that fails with `FILE_TOO_LARGE` as soon as more than `maxFileBytes` have
 * gone through it, for piping an upload to disk.
 *
 * @example
 * await pipeline(upload, createFileSizeGuard(config.maxFileBytes), createWriteStream(tempPath));
 */
export function createFileSizeGuard(maxFileBytes: number = DEFAULT_DOCUMENT_LIMITS.maxFileBytes): Transform {
  let received = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      received += chunk.length;
      try {
        checkFileSize(received, maxFileBytes);
      } catch (error) {
        callback(error as Error);
        return;
      }
      callback(null, chunk);
    },
  });
}

function formatSize(bytes: number): string {
  const mebibytes = bytes / (1024 * 1024);
  if (mebibytes >= 1) return `${Number(mebibytes.toFixed(1))} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
