import sharp from 'sharp';
import { blankBilevel, type PackedBilevel } from '../raster/packed-bilevel';
import { encodeFaxPage, type FaxCompression } from '../tiff/fax-page.encoder';
import { writeFaxTiff } from '../tiff/fax-tiff.writer';

/** A packed page whose pixel (x, y) is black when `black(x, y)` says so. */
export function bilevelOf(width: number, height: number, black: (x: number, y: number) => boolean): PackedBilevel {
  const page = blankBilevel(width, height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) if (black(x, y)) setBlack(page, x, y);
  }
  return page;
}

/** A packed page from rows of 0 (white) and 1 (black), all rows as wide as the first. */
export function bilevelOfRows(rows: readonly (readonly number[])[]): PackedBilevel {
  return bilevelOf(rows[0]?.length ?? 0, rows.length, (x, y) => rows[y]?.[x] === 1);
}

/** Marks pixel (x, y) black. */
export function setBlack(page: PackedBilevel, x: number, y: number): void {
  page.bits[y * page.stride + (x >> 3)] |= 0x80 >> (x & 7);
}

/** A seeded pseudo-random generator (a linear congruential one), so noise pages repeat exactly. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
}

/** Decodes every page of a TIFF with libtiff (through sharp) back into packed rows. */
export async function decodeWithLibtiff(tiff: Buffer): Promise<PackedBilevel[]> {
  const { pages = 1 } = await sharp(tiff).metadata();
  return Promise.all(
    Array.from({ length: pages }, async (_, index) => {
      const { data, info } = await sharp(tiff, { page: index }).toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
      return bilevelOf(info.width, info.height, (x, y) => (data[y * info.width + x] ?? 255) < 128);
    }),
  );
}

/** Codes the pages with our coder into one fax TIFF and decodes it with libtiff. */
export async function roundTrip(pages: PackedBilevel[], compression: FaxCompression, yDpi = 196): Promise<PackedBilevel[]> {
  const tiff = writeFaxTiff(
    pages.map((page) => encodeFaxPage(page, compression, yDpi)),
    { xDpi: 204, yDpi },
  );
  return decodeWithLibtiff(tiff);
}

/** The first pixel where two pages differ, as `x,y`, or `same`; for readable test failures. */
export function firstDifference(actual: PackedBilevel, expected: PackedBilevel): string {
  if (actual.width !== expected.width || actual.height !== expected.height) return `size ${actual.width}x${actual.height}`;
  const index = expected.bits.findIndex((byte, at) => byte !== actual.bits[at]);
  if (index === -1) return 'same';
  const y = Math.floor(index / expected.stride);
  const differing = ((expected.bits[index] ?? 0) ^ (actual.bits[index] ?? 0)) & 0xff;
  return `${((index % expected.stride) << 3) + Math.clz32(differing) - 24},${y}`;
}
