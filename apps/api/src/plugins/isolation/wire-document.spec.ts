import { Readable } from 'node:stream';
import type { FaxDocument } from '@faxbot/plugin-sdk';
import { fromWireDocument, toWireDocument, type DocumentRequester } from './wire-document';

const noRequests: DocumentRequester = async () => {
  throw new Error('no requests expected');
};

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
    const rebuilt = fromWireDocument(structuredClone(await toWireDocument(documentOf(bytes), 'd1')), noRequests);
    expect(rebuilt).toMatchObject({ type: 'txt', mimeType: 'text/plain', fileName: 'a.txt', sizeBytes: bytes.length });
    expect(await rebuilt.read()).toEqual(bytes);
    expect(Buffer.isBuffer(await rebuilt.read())).toBe(true);
    expect(await drain(rebuilt.open())).toEqual(bytes);
    expect(await drain(rebuilt.open())).toEqual(bytes);
  });

  it('copies a view into a larger buffer, so only the document crosses', async () => {
    const pool = Buffer.alloc(8192, 7);
    const view = pool.subarray(100, 110);
    const wire = await toWireDocument(documentOf(view), 'd1');
    expect(wire.bytes.buffer.byteLength).toBe(10);
    expect(Buffer.from(wire.bytes)).toEqual(view);
  });

  it('sends a whole buffer as it is', async () => {
    const bytes = Buffer.from(new Uint8Array(64).fill(1).buffer);
    expect((await toWireDocument(documentOf(bytes), 'd1')).bytes).toBe(bytes);
  });

  it('offers only the host members the document has, and turns them into requests to the host', async () => {
    const bytes = Buffer.from('%PDF-1.4');
    const plain = await toWireDocument(documentOf(bytes), 'd1');
    expect(plain.offers).toEqual([]);
    const rebuiltPlain = fromWireDocument(plain, noRequests);
    expect(rebuiltPlain.createPublicUrl).toBeUndefined();
    expect(rebuiltPlain.toFaxTiff).toBeUndefined();

    const rich: FaxDocument = {
      ...documentOf(bytes),
      createPublicUrl: async () => 'https://example.test/fax/1/pdf?token=x',
      toFaxTiff: async () => ({ bytes: Buffer.from('II*'), pages: 1 }),
    };
    const wire = structuredClone(await toWireDocument(rich, 'doc-7'));
    expect(wire.offers).toEqual(['createPublicUrl', 'toFaxTiff']);
    const asked: unknown[] = [];
    const rebuilt = fromWireDocument(wire, async (op, documentId, ttlSeconds) => {
      asked.push([op, documentId, ttlSeconds]);
      return op === 'createPublicUrl' ? 'https://example.test/u' : { bytes: new Uint8Array([73, 73, 42, 0]), pages: 3 };
    });
    expect(await rebuilt.createPublicUrl?.({ ttlSeconds: 90 })).toBe('https://example.test/u');
    const tiff = await rebuilt.toFaxTiff?.();
    expect(Buffer.isBuffer(tiff?.bytes)).toBe(true);
    expect(tiff).toEqual({ bytes: Buffer.from([73, 73, 42, 0]), pages: 3 });
    expect(asked).toEqual([
      ['createPublicUrl', 'doc-7', 90],
      ['toFaxTiff', 'doc-7', undefined],
    ]);
  });
});
