import type { IncomingMessage } from 'node:http';
import { HttpProblem } from './http-problem';

/**
 * Reads and parses a JSON request body of at most `maxBytes`: a larger Content-Length is refused
 * before reading, and reading stops as soon as the limit is passed.
 */
export function readJsonBody(request: IncomingMessage, maxBytes: number): Promise<unknown> {
  const type = String(request.headers['content-type'] ?? '').toLowerCase();
  if (!type.startsWith('application/json')) {
    return Promise.reject(new HttpProblem(415, 'Unsupported Media Type: Content-Type must be application/json'));
  }
  const tooLarge = new HttpProblem(413, `Payload Too Large: the body may be at most ${maxBytes} bytes`, { Connection: 'close' });
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    request.resume();
    return Promise.reject(tooLarge);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    let failed = false;
    request.on('data', (chunk: Buffer) => {
      if (failed) return;
      length += chunk.length;
      if (length > maxBytes) {
        failed = true;
        reject(tooLarge);
        return;
      }
      chunks.push(chunk);
    });
    request.on('error', () => reject(new HttpProblem(400, 'Bad Request: the body could not be read')));
    request.on('end', () => {
      if (failed) return;
      try {
        resolve(JSON.parse(Buffer.concat(chunks, length).toString('utf8')) as unknown);
      } catch {
        reject(new HttpProblem(400, 'Parse error: the body is not valid JSON', {}, -32700));
      }
    });
  });
}
