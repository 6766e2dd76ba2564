import { PDFDocument, PDFName, PDFNumber } from 'pdf-lib';
import sharp from 'sharp';
import { makeJpeg, makePdf, makePng, makeScannedPdf, makeTiff, numberedLines, refusalCode } from '../document-fixtures.test-helpers';
import { createConversionPool, type ConversionPool } from '../pool/conversion-pool';
import { inspectDocument } from './inspect-document';

jest.setTimeout(120_000);

// A hand-written PDF whose page tree is empty.
const NO_PAGES_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n' +
    'trailer << /Root 1 0 R /Size 3 >>\n%%EOF\n',
);

async function pngClaiming(width: number, height: number): Promise<Buffer> {
  const png = Buffer.from(await sharp({ create: { width: 1, height: 1, channels: 3, background: '#fff' } }).png().toBuffer());
  png.writeUInt32BE(width, 16);
  png.writeUInt32BE(height, 20);
  return png;
}

async function tiffClaiming(width: number, height: number): Promise<Buffer> {
  const tiff = Buffer.from(await makeTiff(1, 10, 10));
  const directory = tiff.readUInt32LE(4);
  for (let index = 0; index < tiff.readUInt16LE(directory); index++) {
    const entry = directory + 2 + index * 12;
    const tag = tiff.readUInt16LE(entry);
    if (tag !== 256 && tag !== 257) continue;
    const value = tag === 256 ? width : height;
    if (tiff.readUInt16LE(entry + 2) === 3) tiff.writeUInt16LE(Math.min(value, 65_535), entry + 8);
    else tiff.writeUInt32LE(value, entry + 8);
  }
  return tiff;
}

// Three pages whose page tree claims five: pdf.js repairs the count to 3 and reads every page;
// PDFium, which draws the fax, takes the 5 and cannot load page 4.
async function pageTreeClaimingFive(): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  for (let page = 0; page < 3; page++) document.addPage();
  document.catalog.Pages().set(PDFName.of('Count'), PDFNumber.of(5));
  return document.save({ useObjectStreams: false });
}

describe('inspectDocument', () => {
  let pool: ConversionPool;
  beforeAll(() => {
    pool = createConversionPool({ size: 2 });
  });
  afterAll(() => pool.close());

  it.each([
    ['a PDF', () => makePdf(4), { format: 'pdf', mimeType: 'application/pdf', pages: 4 }],
    ['a PDF with only an owner password (printing allowed)', () => makePdf(1, { ownerPassword: 'owner' }), { format: 'pdf', pages: 1 }],
    ['a text', async () => Buffer.from(numberedLines(120)), { format: 'txt', mimeType: 'text/plain; charset=utf-8', pages: 3 }],
    ['a PNG', () => makePng(120, 80), { format: 'png', mimeType: 'image/png', pages: 1 }],
    ['a JPEG', () => makeJpeg(120, 80), { format: 'jpeg', mimeType: 'image/jpeg', pages: 1 }],
    ['a multi-page TIFF', () => makeTiff(4, 50, 60), { format: 'tiff', mimeType: 'image/tiff', pages: 4 }],
  ])('accepts %s', async (_label, make, expected) => {
    await expect(inspectDocument(await make(), { pool })).resolves.toMatchObject(expected);
  });

  it('counts text pages on the page size chosen', async () => {
    const text = Buffer.from(numberedLines(60));
    await expect(inspectDocument(text, { pool, pageSize: 'letter' })).resolves.toMatchObject({ pages: 2 });
    await expect(inspectDocument(text, { pool, pageSize: 'a4' })).resolves.toMatchObject({ pages: 1 });
  });

  it.each([
    ['an encrypted PDF', () => makePdf(2, { userPassword: 'secret' }), 'ENCRYPTED'],
    ['a truncated PDF', async () => (await makePdf(3)).subarray(0, 1500), 'UNREADABLE'],
    ['a PDF cut just before its end marker', async () => (await makePdf(3)).subarray(0, -8), 'UNREADABLE'],
    ['a corrupt PDF', async () => Buffer.from('%PDF-1.7\n' + 'garbage '.repeat(100) + '\n%%EOF\n'), 'UNREADABLE'],
    ['a PDF without pages', async () => NO_PAGES_PDF, 'EMPTY_DOCUMENT'],
    ['an empty file', async () => Buffer.alloc(0), 'EMPTY_DOCUMENT'],
    ['a blank text', async () => Buffer.from('\n\n   \n'), 'EMPTY_DOCUMENT'],
    ['a Word document', async () => Buffer.from('PK\u0003\u0004\u0014\u0000\u0006\u0000word/document.xml'), 'UNSUPPORTED_FORMAT'],
    ['a GIF', async () => Buffer.from('GIF89a\u0001\u0000\u0001\u0000\u0000\u0000\u0000'), 'UNSUPPORTED_FORMAT'],
    ['a text in a script the fax font lacks', async () => Buffer.from('患者: 山田'), 'UNSUPPORTED_CHARACTERS'],
    ['a truncated JPEG', async () => (await makeJpeg(400, 300)).subarray(0, 2000), 'UNREADABLE'],
    ['a truncated PNG', async () => (await makePng(400, 300)).subarray(0, 100), 'UNREADABLE'],
    ['a truncated TIFF', async () => (await makeTiff(2, 50, 60)).subarray(0, 200), 'UNREADABLE'],
    ['a PNG claiming 60 000 × 60 000 pixels', () => pngClaiming(60_000, 60_000), 'IMAGE_TOO_LARGE'],
    ['a TIFF claiming 100 000 × 100 000 pixels', () => tiffClaiming(100_000, 100_000), 'IMAGE_TOO_LARGE'],
  ])('refuses %s', async (_label, make, code) => {
    expect(await refusalCode(inspectDocument(await make(), { pool }))).toBe(code);
  });

  it.each([
    ['a PDF', () => makePdf(6)],
    ['a text', async () => Buffer.from(numberedLines(400))],
    ['a TIFF', () => makeTiff(6, 20, 20)],
  ])('refuses %s with more pages than allowed', async (_label, make) => {
    expect(await refusalCode(inspectDocument(await make(), { pool, limits: { maxPages: 5 } }))).toBe('TOO_MANY_PAGES');
  });

  it('refuses a file over the size limit', async () => {
    expect(await refusalCode(inspectDocument(await makePdf(2), { pool, limits: { maxFileBytes: 100 } }))).toBe('FILE_TOO_LARGE');
  });

  it('refuses at intake a PDF that the fax renderer could not draw, though pdf.js reads it', async () => {
    const claimingFive = Buffer.from(await pageTreeClaimingFive());
    expect(await refusalCode(inspectDocument(claimingFive, { pool }))).toBe('UNREADABLE');
  });

  it('refuses at intake a PDF holding an image over the pixel limit, before any fax is queued', async () => {
    const scan = await makeScannedPdf(1); // a 1275 × 1650 picture
    expect(await refusalCode(inspectDocument(scan, { pool, limits: { maxImagePixels: 1_000_000 } }))).toBe('IMAGE_TOO_LARGE');
    await expect(inspectDocument(scan, { pool })).resolves.toMatchObject({ format: 'pdf', pages: 1 });
  });

  it('refuses a real image over a lowered pixel limit', async () => {
    expect(await refusalCode(inspectDocument(await makeJpeg(1200, 1000), { pool, limits: { maxImagePixels: 1_000_000 } }))).toBe('IMAGE_TOO_LARGE');
  });
});
