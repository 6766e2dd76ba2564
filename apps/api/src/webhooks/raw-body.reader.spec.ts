import type { IncomingMessage } from 'node:http';
import { PassThrough } from 'node:stream';
import { ApiError } from '../errors/api-error';
import { readRawBody } from './raw-body.reader';

function incoming(headers: Record<string, string> = {}): PassThrough & { headers: Record<string, string> } {
  return Object.assign(new PassThrough(), { headers });
}

async function codeOf(promise: Promise<unknown>): Promise<string | null> {
  try {
    await promise;
    return null;
  } catch (error) {
    return error instanceof ApiError ? error.code : 'other';
  }
}

describe('readRawBody', () => {
  it('returns the bytes exactly as they arrived, across chunks', async () => {
    const stream = incoming();
    const reading = readRawBody(stream as unknown as IncomingMessage, 10);
    stream.write(Buffer.from([0, 1, 2]));
    stream.end(Buffer.from([253, 254, 255]));
    expect(await reading).toEqual(Buffer.from([0, 1, 2, 253, 254, 255]));
  });

  it('refuses a declared length over the limit without reading', async () => {
    const stream = incoming({ 'content-length': '11' });
    expect(await codeOf(readRawBody(stream as unknown as IncomingMessage, 10))).toBe('PAYLOAD_TOO_LARGE');
    expect(stream.listenerCount('data')).toBe(0);
  });

  it('refuses a chunked body as soon as it passes the limit, and stops reading', async () => {
    const stream = incoming();
    const reading = readRawBody(stream as unknown as IncomingMessage, 10);
    stream.write(Buffer.alloc(8));
    stream.write(Buffer.alloc(8));
    expect(await codeOf(reading)).toBe('PAYLOAD_TOO_LARGE');
    expect(stream.isPaused()).toBe(true);
  });

  it('refuses an interrupted body', async () => {
    const stream = incoming();
    const reading = readRawBody(stream as unknown as IncomingMessage, 10);
    stream.destroy(new Error('socket hang up'));
    expect(await codeOf(reading)).toBe('BAD_REQUEST');
  });
});
