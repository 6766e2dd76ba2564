import { Readable } from 'node:stream';
import type { FaxDocument } from '@faxbot/plugin-sdk';
import type { DocumentRequestOp, WireDocument } from './isolation-messages';

/** How the child asks the host for what only the host can do with a document. */
export type DocumentRequester = (op: DocumentRequestOp, documentId: string, ttlSeconds?: number) => Promise<unknown>;

/**
 * Reads a document on the host so its bytes can cross the boundary (its `open`/`read` functions
 * cannot). A view into a larger buffer is copied first, so the clone carries only the document.
 */
export async function toWireDocument(document: FaxDocument, documentId: string): Promise<WireDocument> {
  const buffer = await document.read();
  const offers: DocumentRequestOp[] = [];
  if (typeof document.createPublicUrl === 'function') offers.push('createPublicUrl');
  if (typeof document.toFaxTiff === 'function') offers.push('toFaxTiff');
  const whole = buffer.byteOffset === 0 && buffer.byteLength === buffer.buffer.byteLength;
  return {
    type: document.type,
    mimeType: document.mimeType,
    fileName: document.fileName,
    sizeBytes: document.sizeBytes,
    bytes: whole ? buffer : new Uint8Array(buffer),
    documentId,
    offers,
  };
}

/**
 * Rebuilds a {@link FaxDocument} in the child: `open()` streams the bytes, `read()` returns them,
 * and the members the host offered are requests to the host, which holds the real document.
 */
export function fromWireDocument(wire: WireDocument, request: DocumentRequester): FaxDocument {
  const bytes = Buffer.from(wire.bytes.buffer, wire.bytes.byteOffset, wire.bytes.byteLength);
  const document: FaxDocument = {
    type: wire.type,
    mimeType: wire.mimeType,
    fileName: wire.fileName,
    sizeBytes: wire.sizeBytes,
    open: () => Readable.from([bytes], { objectMode: false }),
    read: async () => bytes,
  };
  if (wire.offers.includes('createPublicUrl')) {
    document.createPublicUrl = async (options = {}) => String(await request('createPublicUrl', wire.documentId, options.ttlSeconds));
  }
  if (wire.offers.includes('toFaxTiff')) {
    document.toFaxTiff = async () => {
      const result = (await request('toFaxTiff', wire.documentId)) as { bytes: Uint8Array; pages: number };
      return { bytes: Buffer.from(result.bytes.buffer, result.bytes.byteOffset, result.bytes.byteLength), pages: result.pages };
    };
  }
  return document;
}
