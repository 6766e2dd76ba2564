import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import type { FaxDocument } from '../contracts/outbound-fax-plugin';

/** A {@link FaxDocument} for tests, with the resources it opened. */
export interface TestDocument extends FaxDocument {
  /** Public URLs handed out by `createPublicUrl` so far. */
  readonly publicUrls: string[];
  /** How many times a public URL was fetched with its valid token. */
  readonly fetches: number;
  /** Stops the document server, if one was started. */
  close(): Promise<void>;
}

/** Options for {@link createTestDocument}. */
export interface TestDocumentOptions {
  /** PDF bytes; default a small valid one-page PDF. */
  bytes?: Buffer;
  fileName?: string;
  /**
   * Serve `createPublicUrl` from a real HTTP server on 127.0.0.1 (default true), so a simulator
   * can fetch the document the way a provider fetches `content_url`.
   */
  publicUrl?: boolean;
}

/** The smallest useful PDF: one Letter page with one line of text (no real data). */
export function minimalPdf(text = 'Faxbot test page'): Buffer {
  const safe = text.replace(/[()\\]/g, '');
  const stream = `BT /F1 18 Tf 72 720 Td (${safe}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(Buffer.byteLength(body));
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body);
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/**
 * A one-page, 1-bit, uncompressed TIFF 1728 pixels wide at 204x196 dpi (all white, a few rows):
 * the shape of a fax image, for tests of plugins that hand TIFF files to a fax engine.
 */
export function minimalFaxTiff(rows = 8): Buffer {
  const width = 1728;
  const rowBytes = width / 8;
  const image = Buffer.alloc(rowBytes * rows, 0x00); // min-is-white: 0 bits are white
  const entries: Array<[tag: number, type: number, count: number, value: number]> = [
    [256, 4, 1, width], // ImageWidth
    [257, 4, 1, rows], // ImageLength
    [258, 3, 1, 1], // BitsPerSample
    [259, 3, 1, 1], // Compression: none
    [262, 3, 1, 0], // PhotometricInterpretation: min-is-white
    [273, 4, 1, 0], // StripOffsets (patched below)
    [277, 3, 1, 1], // SamplesPerPixel
    [278, 4, 1, rows], // RowsPerStrip
    [279, 4, 1, image.length], // StripByteCounts
    [282, 5, 1, 0], // XResolution (rational, patched)
    [283, 5, 1, 0], // YResolution (rational, patched)
    [296, 3, 1, 2], // ResolutionUnit: inch
  ];
  const ifdOffset = 8;
  const ifdSize = 2 + entries.length * 12 + 4;
  const rationals = ifdOffset + ifdSize;
  const imageOffset = rationals + 16;
  const out = Buffer.alloc(imageOffset + image.length);
  out.write('II', 0, 'latin1');
  out.writeUInt16LE(42, 2);
  out.writeUInt32LE(ifdOffset, 4);
  out.writeUInt16LE(entries.length, ifdOffset);
  entries.forEach(([tag, type, count, value], index) => {
    const at = ifdOffset + 2 + index * 12;
    let stored = value;
    if (tag === 273) stored = imageOffset;
    if (tag === 282) stored = rationals;
    if (tag === 283) stored = rationals + 8;
    out.writeUInt16LE(tag, at);
    out.writeUInt16LE(type, at + 2);
    out.writeUInt32LE(count, at + 4);
    if (type === 3) out.writeUInt16LE(stored, at + 8);
    else out.writeUInt32LE(stored, at + 8);
  });
  out.writeUInt32LE(0, ifdOffset + 2 + entries.length * 12); // no next IFD
  out.writeUInt32LE(204, rationals);
  out.writeUInt32LE(1, rationals + 4);
  out.writeUInt32LE(196, rationals + 8);
  out.writeUInt32LE(1, rationals + 12);
  image.copy(out, imageOffset);
  return out;
}

/**
 * Builds a document to pass to `send()` in a test. `createPublicUrl` serves it from a real HTTP
 * server with a random token (a wrong token gets 403, an expired one 410), and `toFaxTiff`
 * returns {@link minimalFaxTiff}. Call `close()` when done.
 *
 * @example
 * const document = createTestDocument();
 * const result = await plugin.send({ jobId: 'j1', to: '+15551230000', document, idempotencyKey: 'j1-1' });
 * await document.close();
 */
export function createTestDocument(options: TestDocumentOptions = {}): TestDocument {
  const bytes = options.bytes ?? minimalPdf();
  const tokens = new Map<string, number>();
  let server: Server | null = null;
  let serverUrl: Promise<string> | null = null;
  const publicUrls: string[] = [];
  let fetches = 0;

  const startServer = (): Promise<string> => {
    serverUrl ??= new Promise<string>((resolve, reject) => {
      server = createServer((request, response) => {
        const url = new URL(request.url ?? '/', 'http://127.0.0.1');
        const expiresAt = tokens.get(url.searchParams.get('token') ?? '');
        if (expiresAt === undefined) {
          response.writeHead(403, { 'content-type': 'application/json' }).end('{"detail":"Invalid token"}');
        } else if (Date.now() > expiresAt) {
          response.writeHead(410, { 'content-type': 'application/json' }).end('{"detail":"Token expired"}');
        } else {
          fetches += 1;
          response.writeHead(200, { 'content-type': 'application/pdf', 'content-length': String(bytes.length) }).end(bytes);
        }
      });
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server?.address() as AddressInfo).port}`));
    });
    return serverUrl;
  };

  const document: TestDocument = {
    type: 'pdf',
    mimeType: 'application/pdf',
    fileName: options.fileName ?? 'document.pdf',
    sizeBytes: bytes.length,
    open: () => Readable.from([bytes]),
    read: async () => bytes,
    toFaxTiff: async () => ({ bytes: minimalFaxTiff(), pages: 1 }),
    get publicUrls() {
      return publicUrls;
    },
    get fetches() {
      return fetches;
    },
    close: async () => {
      const running = server as Server | null;
      if (running !== null) await new Promise<void>((resolve) => running.close(() => resolve()));
    },
  };
  if (options.publicUrl !== false) {
    document.createPublicUrl = async ({ ttlSeconds = 3600 } = {}) => {
      const token = randomBytes(24).toString('base64url');
      tokens.set(token, Date.now() + ttlSeconds * 1000);
      const url = `${await startServer()}/fax/document.pdf?token=${token}`;
      publicUrls.push(url);
      return url;
    };
  }
  return document;
}
