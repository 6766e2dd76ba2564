import { PDFDocument as PdfLibDocument } from 'pdf-lib';
import sharp from 'sharp';
import { makePdf, makeScannedPdf, refusalCode } from '../document-fixtures.test-helpers';
import { createConversionPool, type ConversionPool } from '../pool/conversion-pool';
import { readTiffPages } from '../tiff/tiff-ifd.reader';
import { renderFaxTiff } from './render-fax-tiff';

jest.setTimeout(120_000);

describe('renderFaxTiff', () => {
  let pool: ConversionPool;
  let fivePages: Buffer;
  beforeAll(async () => {
    pool = createConversionPool({ size: 2 });
    fivePages = await makePdf(5);
  });
  afterAll(() => pool.close());

  describe.each([
    ['g4', 4, undefined],
    ['g3', 3, 4],
    ['g3-2d', 3, 5],
  ] as const)('with compression %s', (compression, tag, t4Options) => {
    it.each([
      ['letter', 'fine', 196, 2156],
      ['letter', 'standard', 98, 1078],
      ['a4', 'fine', 196, 2292],
      ['a4', 'standard', 98, 1146],
    ] as const)('writes %s pages at %s resolution as 1728-pixel fax pages', async (pageSize, resolution, yDpi, height) => {
      const tiff = await renderFaxTiff(fivePages, { pool, pageSize, resolution, compression });

      expect(tiff.pages).toBe(5);
      const pages = readTiffPages(tiff.bytes);
      expect(pages).toHaveLength(5);
      for (const page of pages) {
        expect(page).toMatchObject({ width: 1728, height, compression: tag, t4Options, bitsPerSample: 1, xResolution: 204, yResolution: yDpi, resolutionUnit: 2 });
      }
      const metadata = await sharp(tiff.bytes).metadata();
      expect(metadata).toMatchObject({ format: 'tiff', pages: 5, width: 1728, height });
    });

    it('draws the page content (black on white) where the PDF has it', async () => {
      const pdf = await makePdf(1, { draw: (document) => document.rect(0, 0, 306, 396).fill('#000000') });
      const tiff = await renderFaxTiff(pdf, { pool, compression });
      const { data, info } = await sharp(tiff.bytes).toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
      const at = (x: number, y: number): number => data[y * info.width + x]!;
      // Top-left quarter of the page is black, the rest white (the 612 pt page is scaled to 1728 px).
      expect(at(200, 200)).toBe(0);
      expect(at(1500, 200)).toBe(255);
      expect(at(200, 2000)).toBe(255);
    });
  });

  it('codes the same pixels whichever compression is chosen', async () => {
    const decoded = await Promise.all(
      (['g4', 'g3', 'g3-2d'] as const).map(async (compression) => {
        const tiff = await renderFaxTiff(fivePages, { pool, compression });
        return Promise.all([0, 4].map(async (page) => (await sharp(tiff.bytes, { page }).raw().toBuffer()).toString('base64')));
      }),
    );
    expect(decoded[1]).toEqual(decoded[0]);
    expect(decoded[2]).toEqual(decoded[0]);
  });

  it('turns landscape pages to portrait and keeps the page count of mixed documents', async () => {
    const landscape = await makePdf(2, { size: [792, 612] });
    const tiff = await renderFaxTiff(landscape, { pool });
    expect(tiff.pages).toBe(2);
    expect(readTiffPages(tiff.bytes).map((page) => [page.width, page.height])).toEqual([
      [1728, 2156],
      [1728, 2156],
    ]);
  });

  it('dithers photographs on request, thresholds them by default', async () => {
    const scan = await makeScannedPdf(1);
    const thresholded = await renderFaxTiff(scan, { pool });
    const dithered = await renderFaxTiff(scan, { pool, halftone: 'dither' });
    expect(readTiffPages(dithered.bytes)[0]).toMatchObject({ width: 1728, compression: 4 });
    // Error diffusion turns grey into dots, which G4 codes far less compactly than solid areas.
    expect(dithered.bytes.length).toBeGreaterThan(thresholded.bytes.length * 3);
  });

  it.each([
    ['an encrypted PDF', () => makePdf(1, { userPassword: 'secret' }), 'ENCRYPTED'],
    ['a truncated PDF', async () => (await makePdf(3)).subarray(0, 900), 'UNREADABLE'],
    ['a text file', async () => Buffer.from('not a pdf'), 'UNREADABLE'],
  ])('refuses %s', async (_label, make, code) => {
    expect(await refusalCode(renderFaxTiff(await make(), { pool }))).toBe(code);
  });

  it('refuses more pages than allowed', async () => {
    expect(await refusalCode(renderFaxTiff(fivePages, { pool, limits: { maxPages: 4 } }))).toBe('TOO_MANY_PAGES');
  });

  it('refuses a PDF holding an image over the pixel limit instead of leaving a hole in the page', async () => {
    const scan = await makeScannedPdf(1); // a 1275 × 1650 picture
    expect(await refusalCode(renderFaxTiff(scan, { pool, limits: { maxImagePixels: 1_000_000 } }))).toBe('IMAGE_TOO_LARGE');
  });

  it.each([{ resolution: 'superfine' }, { halftone: 'halftone' }, { pageSize: 'legal' }, { compression: 'g5' }])('refuses options %j with INVALID_ARGUMENT', async (options) => {
    expect(await refusalCode(renderFaxTiff(fivePages, { pool, ...(options as object) }))).toBe('INVALID_ARGUMENT');
  });

  describe('sharing one document over the workers', () => {
    let single: ConversionPool;
    let wide: ConversionPool;
    beforeAll(() => {
      single = createConversionPool({ size: 1 });
      wide = createConversionPool({ size: 3 });
    });
    afterAll(() => Promise.all([single.close(), wide.close()]));

    // Seven pages that differ (a bar lower on each), so a page out of order would show.
    const steppedPages = (): Promise<Buffer> =>
      makePdf(7, { draw: (document, page) => document.rect(72, 72 + page * 80, 400, 30).fill('#000000') });

    it.each([
      ['seven pages', steppedPages],
      ['one page, fewer than the workers', () => makePdf(1)],
    ])('writes the same file from three workers as from one: %s', async (_label, make) => {
      const pdf = await make();
      for (const compression of ['g4', 'g3'] as const) {
        const [fromOne, fromThree] = await Promise.all([renderFaxTiff(pdf, { pool: single, compression }), renderFaxTiff(pdf, { pool: wide, compression })]);
        expect(fromThree.pages).toBe(fromOne.pages);
        expect(fromThree.bytes.equals(fromOne.bytes)).toBe(true);
      }
    });

    it('keeps the pages in order with their page numbers', async () => {
      const tiff = await renderFaxTiff(await steppedPages(), { pool: wide });
      expect(readTiffPages(tiff.bytes).map((page) => page.pageNumber)).toEqual([0, 1, 2, 3, 4, 5, 6].map((index) => [index, 7]));
      // The bar of page n starts 80 pt (about 227 rows at fine) lower than page n − 1's.
      const firstBlackRow = await Promise.all(
        [0, 3, 6].map(async (page) => {
          const { data, info } = await sharp(tiff.bytes, { page }).toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
          return Math.floor(data.indexOf(0) / info.width);
        }),
      );
      expect(firstBlackRow[1]! - firstBlackRow[0]!).toBeGreaterThan(600);
      expect(firstBlackRow[2]! - firstBlackRow[1]!).toBeGreaterThan(600);
    });

    it('fails the whole conversion when a page in a later part is refused, naming that page', async () => {
      // Pages 1–5 text, page 6 a 1275 × 1650 scan: only the last part meets the image.
      const document = await PdfLibDocument.load(await makePdf(5));
      const scan = await PdfLibDocument.load(await makeScannedPdf(1));
      const [scanned] = await document.copyPages(scan, [0]);
      document.addPage(scanned!);
      const pdf = Buffer.from(await document.save());
      const refusal = renderFaxTiff(pdf, { pool: wide, limits: { maxImagePixels: 1_000_000 } });
      await expect(refusal).rejects.toMatchObject({ code: 'IMAGE_TOO_LARGE', message: expect.stringContaining('Page 6') });
      expect((await renderFaxTiff(pdf, { pool: wide })).pages).toBe(6);
    });
  });
});

