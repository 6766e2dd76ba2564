import { basename } from 'node:path';

/** A document ready to upload: its bytes and a file name for the multipart part. */
export interface LoadedDocument {
  bytes: Buffer;
  fileName: string;
}

/**
 * A file name safe to send on: the last path segment, without control characters or quotes,
 * at most 200 characters; `fallback` when nothing usable is left.
 */
export function safeFileName(name: string | undefined, fallback: string): string {
  // eslint-disable-next-line no-control-regex
  const cleaned = basename((name ?? '').replace(/\\/g, '/')).replace(/[\u0000-\u001f\u007f"]/g, '').trim().slice(0, 200);
  return cleaned === '' || cleaned === '.' || cleaned === '..' ? fallback : cleaned;
}
