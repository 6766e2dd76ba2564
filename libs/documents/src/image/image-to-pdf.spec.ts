import sharp from 'sharp';
import { makeJpeg, makePng, makeTiff, readPdfPages, refusalCode } from '../document-fixtures.test-helpers';
import { renderFaxTiff } from '../pdf/render-fax-tiff';
import { createConversionPool, type ConversionPool } from '../pool/conversion-pool';
import { readTiffPages } from '../tiff/tiff-ifd.reader';
import { imageToPdf } from './image-to-pdf';

jest.setTimeout(120_000);

describe('imageToPdf', () => {
  let pool: ConversionPool;
  beforeAll(() => {
    pool = createConversionPool({ size: 2 });
  });
  afterAll(() => pool.close());

  it.each([
    ['a PNG with transparency', () => makePng(300, 400), 1],
    ['a JPEG', () => makeJpeg(600, 800), 1],
    ['a 3-page TIFF', () => makeTiff(3, 200, 260), 3],
  ])('puts %s on Letter pages, one image per page, and the result faxes', async (_label, make, pages) => {
    const pdf = await imageToPdf(await make(), { pool });

    expect(pdf.pages).toBe(pages);
    const read = await readPdfPages(pool, pdf.bytes);
    expect(read.map((page) => [page.width, page.height])).toEqual(Array.from({ length: pages }, () => [612, 792]));
    const tiff = await renderFaxTiff(pdf.bytes, { pool });
    expect(readTiffPages(tiff.bytes)).toHaveLength(pages);
  });

  it('uses a landscape page for a wide image and A4 on request', async () => {
    const pdf = await imageToPdf(await makeJpeg(800, 400), { pool, pageSize: 'a4' });
    const [page] = await readPdfPages(pool, pdf.bytes);
    expect([page!.width, page!.height]).toEqual([841.89, 595.28]);
  });

  it('turns a photo upright by its EXIF orientation', async () => {
    // Stored 800 × 400 but tagged "rotate 90°": it is a portrait photo.
    const pdf = await imageToPdf(await makeJpeg(800, 400, { orientation: 6 }), { pool });
    const [page] = await readPdfPages(pool, pdf.bytes);
    expect([page!.width, page!.height]).toEqual([612, 792]);
  });

  it('refuses a decompression bomb by its header, before decoding it', async () => {
    // A real PNG header claiming 60 000 × 60 000 pixels, with no image data behind it.
    const header = await sharp({ create: { width: 1, height: 1, channels: 3, background: '#fff' } }).png().toBuffer();
    const bomb = Buffer.from(header);
    bomb.writeUInt32BE(60_000, 16);
    bomb.writeUInt32BE(60_000, 20);
    expect(await refusalCode(imageToPdf(bomb, { pool }))).toBe('IMAGE_TOO_LARGE');
  });

  it('refuses an image over a lower pixel limit', async () => {
    const png = await sharp({ create: { width: 2000, height: 2000, channels: 3, background: '#fff' } }).png().toBuffer();
    expect(png.length).toBeLessThan(50_000);
    expect(await refusalCode(imageToPdf(png, { pool, limits: { maxImagePixels: 3_000_000 } }))).toBe('IMAGE_TOO_LARGE');
  });

  it.each([
    ['a truncated JPEG', async () => (await makeJpeg(600, 800)).subarray(0, 5000), 'UNREADABLE'],
    ['a truncated PNG', async () => (await makePng(300, 400)).subarray(0, 200), 'UNREADABLE'],
    ['a PDF', async () => Buffer.from('%PDF-1.7\n%%EOF'), 'UNSUPPORTED_FORMAT'],
    ['a TIFF with more pages than allowed', () => makeTiff(3, 20, 20), 'TOO_MANY_PAGES'],
  ])('refuses %s', async (_label, make, code) => {
    expect(await refusalCode(imageToPdf(await make(), { pool, limits: { maxPages: 2 } }))).toBe(code);
  });
});
