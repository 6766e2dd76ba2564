// Documents generated for tests: real files made with pdfkit and sharp, nothing stored in the repo.
import { PDFDict, PDFDocument as PdfLibDocument, PDFName } from 'pdf-lib';
import PDFDocument from 'pdfkit';
import sharp from 'sharp';
import { DocumentError, type DocumentErrorCode } from './document.error';
import { resolveLimits } from './limits/document-limits';
import type { ExtractedPage } from './pdf/extract-text.task';
import { runConversion, type ConversionPool } from './pool/conversion-pool';

/** A PDF made with pdfkit; `draw` fills each page (default: "Page n" in 24 pt Helvetica). */
export function makePdf(
  pages: number,
  options: { size?: [number, number]; userPassword?: string; ownerPassword?: string; draw?: (document: PDFKit.PDFDocument, page: number) => void } = {},
): Promise<Buffer> {
  const document = new PDFDocument({
    autoFirstPage: false,
    ...(options.userPassword === undefined ? {} : { userPassword: options.userPassword }),
    ...(options.ownerPassword === undefined ? {} : { ownerPassword: options.ownerPassword, permissions: { printing: 'highResolution' } }),
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve) => document.on('end', () => resolve(Buffer.concat(chunks))));
  document.on('data', (chunk: Buffer) => chunks.push(chunk));
  for (let page = 1; page <= pages; page++) {
    document.addPage({ size: options.size ?? [612, 792], margin: 54 });
    if (options.draw) options.draw(document, page);
    else document.font('Helvetica').fontSize(24).text(`Page ${page}`, 72, 72);
  }
  document.end();
  return done;
}

/** A PDF whose pages carry a photo-like grey image (a scan), generated with sharp. */
export async function makeScannedPdf(pages: number): Promise<Buffer> {
  const scan = await makeJpeg(1275, 1650);
  return makePdf(pages, { draw: (document) => document.image(scan, 0, 0, { width: 612, height: 792 }) });
}

/** A grey gradient with some noise, so it compresses like a photograph. */
export async function makeJpeg(width: number, height: number, options: { orientation?: number } = {}): Promise<Buffer> {
  const pipeline = sharp(gradient(width, height), { raw: { width, height, channels: 3 } }).jpeg({ quality: 80 });
  return (options.orientation === undefined ? pipeline : pipeline.withMetadata({ orientation: options.orientation })).toBuffer();
}

/** An RGBA PNG with a transparent corner. */
export function makePng(width: number, height: number): Promise<Buffer> {
  const rgba = Buffer.alloc(width * height * 4, 255);
  for (let index = 0; index < width * 4 * Math.floor(height / 4); index += 4) rgba[index + 3] = 0;
  return sharp(rgba, { raw: { width, height, channels: 4 } }).png().toBuffer();
}

/** A multi-page greyscale TIFF (LZW), every page `width` × `height`. */
export function makeTiff(pages: number, width: number, height: number): Promise<Buffer> {
  const grey = Buffer.alloc(width * height * pages, 255);
  for (let page = 0; page < pages; page++) grey.fill(0, page * width * height, page * width * height + width * (page + 1));
  return sharp(grey, { raw: { width, height: height * pages, channels: 1, pageHeight: height } })
    .toColourspace('b-w')
    .tiff({ compression: 'lzw' })
    .toBuffer();
}

/** Text of `lines` numbered lines. */
export function numberedLines(lines: number): string {
  return Array.from({ length: lines }, (_, index) => `Line ${index + 1} of ${lines}: the quick brown fox.`).join('\n') + '\n';
}

function gradient(width: number, height: number): Buffer {
  const rgb = Buffer.alloc(width * height * 3);
  let seed = 7;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      const value = Math.min(255, Math.max(0, Math.round((x / width) * 200 + (y / height) * 40 + (seed % 31) - 15)));
      rgb.fill(value, (y * width + x) * 3, (y * width + x) * 3 + 3);
    }
  }
  return rgb;
}

/** The text and size of each page of a PDF, read back with pdf.js in a conversion worker. */
export async function readPdfPages(pool: ConversionPool, pdf: Buffer): Promise<ExtractedPage[]> {
  return (await runConversion(pool, 'extract-text', { pdf, limits: resolveLimits({ maxPages: 10_000 }) })).pages;
}

/** The code of the DocumentError `promise` rejects with (fails the test on anything else). */
export async function refusalCode(promise: Promise<unknown>): Promise<DocumentErrorCode> {
  const error: unknown = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!DocumentError.is(error)) throw new Error(`expected a DocumentError, got ${String(error)}`);
  return error.code;
}

/** The `FontName`s of the fonts embedded as TrueType files (`FontFile2`) in a PDF, read with pdf-lib. */
export async function embeddedTrueTypeFonts(pdf: Buffer): Promise<string[]> {
  const document = await PdfLibDocument.load(pdf);
  const names: string[] = [];
  for (const [, object] of document.context.enumerateIndirectObjects()) {
    if (object instanceof PDFDict && object.get(PDFName.of('Type')) === PDFName.of('FontDescriptor') && object.has(PDFName.of('FontFile2'))) {
      names.push(object.get(PDFName.of('FontName'))?.toString() ?? '');
    }
  }
  return names;
}
