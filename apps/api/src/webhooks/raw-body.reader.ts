import type { IncomingMessage } from 'node:http';
import { ApiError } from '../errors/api-error';

/**
 * Reads a request body into memory exactly as it arrived — no parsing, no decoding — so a plugin
 * can verify a provider's signature over the very bytes. Refuses with `PAYLOAD_TOO_LARGE` as soon
 * as the declared length or the bytes received pass `maxBytes`, without reading further.
 */
export function readRawBody(request: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) return Promise.reject(tooLarge(maxBytes));
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onError);
      request.off('aborted', onAborted);
      outcome();
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > maxBytes) {
        // Stop buffering; the caller answers 413 and closes the connection.
        request.pause();
        settle(() => reject(tooLarge(maxBytes)));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => settle(() => resolve(Buffer.concat(chunks, size)));
    const onError = (): void => settle(() => reject(new ApiError('BAD_REQUEST', 'Request body was interrupted')));
    const onAborted = onError;
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onError);
    request.on('aborted', onAborted);
  });
}

function tooLarge(maxBytes: number): ApiError {
  return new ApiError('PAYLOAD_TOO_LARGE', `Webhook body exceeds ${maxBytes} bytes`);
}
