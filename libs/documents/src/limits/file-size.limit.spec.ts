import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DocumentError } from '../document.error';
import { resolveLimits } from './document-limits';
import { checkFileSize, createFileSizeGuard } from './file-size.limit';

describe('file size limit', () => {
  it('accepts up to the limit and refuses one byte more with FILE_TOO_LARGE', () => {
    expect(() => checkFileSize(1024, 1024)).not.toThrow();
    expect(() => checkFileSize(1025, 1024)).toThrow(expect.objectContaining({ code: 'FILE_TOO_LARGE', message: 'The file is larger than the 1 KB limit.' }) as DocumentError);
    expect(() => checkFileSize(11 * 1024 * 1024)).toThrow(expect.objectContaining({ message: 'The file is larger than the 10 MB limit.' }) as DocumentError);
  });

  it('stops a stream as soon as it passes the limit', async () => {
    let written = 0;
    const sink = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        written += chunk.length;
        callback();
      },
    });
    const chunks = Array.from({ length: 10 }, () => Buffer.alloc(100));
    await expect(pipeline(Readable.from(chunks), createFileSizeGuard(450), sink)).rejects.toMatchObject({ code: 'FILE_TOO_LARGE' });
    expect(written).toBe(400);
  });

  it('lets a stream within the limit through unchanged', async () => {
    const received: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        received.push(chunk);
        callback();
      },
    });
    await pipeline(Readable.from([Buffer.from('abc'), Buffer.from('def')]), createFileSizeGuard(6), sink);
    expect(Buffer.concat(received).toString()).toBe('abcdef');
  });

  it.each([{ maxPages: 0 }, { maxImagePixels: 1.5 }, { maxFileBytes: -1 }])('refuses limits %j with INVALID_ARGUMENT', (overrides) => {
    expect(() => resolveLimits(overrides)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }) as DocumentError);
  });
});
