import { makePdf, makeTiff, readPdfPages, refusalCode } from '../document-fixtures.test-helpers';
import { renderFaxTiff } from '../pdf/render-fax-tiff';
import { createConversionPool, type ConversionPool } from '../pool/conversion-pool';
import { readTiffPages } from './tiff-ifd.reader';
import { tiffToPdf } from './tiff-to-pdf';

jest.setTimeout(120_000);

// Sets ResolutionUnit (tag 296) of every page to 1, "no absolute unit", as some scanners write.
function withoutResolutionUnit(tiff: Buffer): Buffer {
  const patched = Buffer.from(tiff);
  let directory = patched.readUInt32LE(4);
  while (directory !== 0) {
    const entries = patched.readUInt16LE(directory);
    for (let index = 0; index < entries; index++) {
      const entry = directory + 2 + index * 12;
      if (patched.readUInt16LE(entry) === 296) patched.writeUInt16LE(1, entry + 8);
    }
    directory = patched.readUInt32LE(directory + 2 + entries * 12);
  }
  return patched;
}

describe('tiffToPdf', () => {
  let pool: ConversionPool;
  beforeAll(() => {
    pool = createConversionPool({ size: 2 });
  });
  afterAll(() => pool.close());

  it.each(['fine', 'standard'] as const)('keeps the page count and the fax page size through PDF → TIFF (%s) → PDF', async (resolution) => {
    const original = await makePdf(7);
    const fax = await renderFaxTiff(original, { pool, resolution });
    const received = await tiffToPdf(fax.bytes, { pool });

    expect(received.pages).toBe(7);
    const pages = await readPdfPages(pool, received.bytes);
    expect(pages).toHaveLength(7);
    // 1728 px at 204 dpi = 8.47 in; 2156 rows at 196 dpi (or 1078 at 98) = 11 in.
    for (const page of pages) {
      expect(page.width).toBeCloseTo((1728 / 204) * 72, 0);
      expect(page.height).toBeCloseTo(792, 0);
    }
    const again = await renderFaxTiff(received.bytes, { pool, resolution });
    expect(readTiffPages(again.bytes)).toHaveLength(7);
  });

  it('falls back to the page size when a TIFF states no absolute resolution', async () => {
    const received = await tiffToPdf(withoutResolutionUnit(await makeTiff(2, 100, 130)), { pool, pageSize: 'a4' });
    const pages = await readPdfPages(pool, received.bytes);
    expect(pages.map((page) => [page.width, page.height])).toEqual([
      [595.28, 841.89],
      [595.28, 841.89],
    ]);
  });

  it.each([
    ['a PDF', async () => makePdf(1), 'UNSUPPORTED_FORMAT'],
    ['a truncated TIFF', async () => (await makeTiff(2, 100, 130)).subarray(0, 300), 'UNREADABLE'],
  ])('refuses %s', async (_label, make, code) => {
    expect(await refusalCode(tiffToPdf(await make(), { pool }))).toBe(code);
  });
});
