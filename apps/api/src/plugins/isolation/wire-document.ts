import { Readable } from 'node:stream';
import type { FaxDocument } from '@faxbot/plugin-sdk';
import type { WireDocument } from './isolation-messages';

/**
 * Reads a document on the host so its bytes can cross the boundary (its `open`/`read` functions
 * cannot). A view into a larger buffer is copied first, so the clone carries only the document.
 */
export async function toWireDocument(document: FaxDocument): Promise<WireDocument> {
  const buffer = await document.read();
  const whole = buffer.byteOffset === 0 && buffer.byteLength === buffer.buffer.byteLength;
  return {
    type: document.type,
    mimeType: document.mimeType,
    fileName: document.fileName,
    sizeBytes: document.sizeBytes,
    bytes: whole ? buffer : new Uint8Array(buffer),
  };
}

/** Rebuilds a {@link FaxDocument} in the child: `open()` streams the bytes, `read()` returns them. */
export function fromWireDocument(wire: WireDocument): FaxDocument {
  const bytes = Buffer.from(wire.bytes.buffer, wire.bytes.byteOffset, wire.bytes.byteLength);
  return {
    type: wire.type,
    mimeType: wire.mimeType,
    fileName: wire.fileName,
    sizeBytes: wire.sizeBytes,
    open: () => Readable.from([bytes], { objectMode: false }),
    read: async () => bytes,
  };
}
