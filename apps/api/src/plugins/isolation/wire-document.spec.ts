import { Readable } from 'node:stream';
import type { FaxDocument } from '@faxbot/plugin-sdk';
import { fromWireDocument, toWireDocument } from './wire-document';

async function drain(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function documentOf(bytes: Buffer): FaxDocument {
  return { type: 'txt', mimeType: 'text/plain', fileName: 'a.txt', sizeBytes: bytes.length, open: () => Readable.from([bytes]), read: async () => bytes };
}

describe('wire documents', () => {
  it('carries the bytes and metadata across a structured clone; open() and read() give the same bytes, repeatedly', async () => {
    const bytes = Buffer.from('fax body \u00e9\u0000\u00ff');
    const rebuilt = fromWireDocument(structuredClone(await toWireDocument(documentOf(bytes))));
    expect(rebuilt).toMatchObject({ type: 'txt', mimeType: 'text/plain', fileName: 'a.txt', sizeBytes: bytes.length });
    expect(await rebuilt.read()).toEqual(bytes);
    expect(Buffer.isBuffer(await rebuilt.read())).toBe(true);
    expect(await drain(rebuilt.open())).toEqual(bytes);
    expect(await drain(rebuilt.open())).toEqual(bytes);
  });

  it('copies a view into a larger buffer, so only the document crosses', async () => {
    const pool = Buffer.alloc(8192, 7);
    const view = pool.subarray(100, 110);
    const wire = await toWireDocument(documentOf(view));
    expect(wire.bytes.buffer.byteLength).toBe(10);
    expect(Buffer.from(wire.bytes)).toEqual(view);
  });

  it('sends a whole buffer as it is', async () => {
    const bytes = Buffer.from(new Uint8Array(64).fill(1).buffer);
    expect((await toWireDocument(documentOf(bytes))).bytes).toBe(bytes);
  });
});
