import type { PackedBilevel } from '../raster/packed-bilevel';
import { encodeFaxPage, type FaxCompression } from '../tiff/fax-page.encoder';
import { writeFaxTiff } from '../tiff/fax-tiff.writer';
import { readTiffPages } from '../tiff/tiff-ifd.reader';
import { bilevelOf, bilevelOfRows, decodeWithLibtiff, firstDifference, roundTrip, seededRandom } from './bilevel-fixtures.test-helpers';
import { encodeCcittPage, t4Options, type CcittCoding } from './ccitt-page.encoder';

jest.setTimeout(120_000);

const WIDTHS = [1728, 2048, 2432];
const COMPRESSIONS: FaxCompression[] = ['g4', 'g3', 'g3-2d'];

// Bits as the recommendation prints them, padded with zeros to whole bytes.
const bytesOf = (bits: string): number[] => (bits.padEnd(Math.ceil(bits.length / 8) * 8, '0').match(/.{8}/g) ?? []).map((byte) => parseInt(byte, 2));

function noise(width: number, height: number, density: number, seed: number): PackedBilevel {
  const random = seededRandom(seed);
  return bilevelOf(width, height, () => random() < density);
}

// Row y: a black run of length y from the left edge; after width + 1 rows, a white run of length
// y then black to the end. Together they code every run length of both colours up to the width.
function everyRunLength(width: number): PackedBilevel {
  return bilevelOf(width, 2 * (width + 1), (x, y) => (y <= width ? x < y : x >= y - width - 1));
}

// Blocks of random size at random places, like glyphs on a page: edges that line up from row to
// row, shift a little (vertical mode) or a lot (horizontal and pass modes).
function glyphLike(width: number, height: number, seed: number): PackedBilevel {
  const random = seededRandom(seed);
  const blocks = Array.from({ length: 400 }, () => {
    const x = Math.floor(random() * width);
    const y = Math.floor(random() * height);
    const slant = Math.floor(random() * 9) - 4;
    return { x, y, w: 1 + Math.floor(random() * 30), h: 1 + Math.floor(random() * 25), slant };
  });
  return bilevelOf(width, height, (x, y) =>
    blocks.some((block) => y >= block.y && y < block.y + block.h && x >= block.x + ((y - block.y) * block.slant) / 4 && x < block.x + block.w + ((y - block.y) * block.slant) / 4),
  );
}

const FIXTURES: [string, () => PackedBilevel][] = [
  ['all white', () => bilevelOf(1728, 40, () => false)],
  ['all black', () => bilevelOf(1728, 40, () => true)],
  ['alternating pixels (checkerboard)', () => bilevelOf(1728, 40, (x, y) => (x + y) % 2 === 1)],
  ['alternating columns', () => bilevelOf(1728, 12, (x) => x % 2 === 0)],
  ['alternating rows', () => bilevelOf(1728, 12, (_x, y) => y % 2 === 0)],
  ['diagonal lines one pixel a row, both ways', () => bilevelOf(1728, 64, (x, y) => (x + y) % 64 === 0 || (x - y + 1728) % 50 < 3)],
  ['edges moving 2 to 8 pixels a row', () => bilevelOf(1728, 48, (x, y) => x > 100 + y * (y % 7) && x < 900 - y * 3)],
  ...WIDTHS.map((width): [string, () => PackedBilevel] => [
    `single pixels at the corners and edges, width ${width}`,
    () => bilevelOf(width, 9, (x, y) => ((x === 0 || x === width - 1) && (y === 0 || y === 8)) || (y === 4 && x === width >> 1) || (y === 2 && x === 1) || (y === 6 && x === width - 2)),
  ]),
  ...WIDTHS.map((width): [string, () => PackedBilevel] => [`every run length of both colours, width ${width}`, () => everyRunLength(width)]),
  ...WIDTHS.flatMap((width) =>
    [0.5, 0.1, 0.01].map((density): [string, () => PackedBilevel] => [`noise at ${density * 100} % black, width ${width}`, () => noise(width, 50, density, width + density * 1000)]),
  ),
  ['glyph-like blocks', () => glyphLike(1728, 300, 7)],
  ...[1, 2, 7, 8, 9, 15, 17, 63, 64, 65].map((width): [string, () => PackedBilevel] => [`noise, width ${width}`, () => noise(width, 30, 0.4, width)]),
];

describe('CCITT page coding, decoded back by libtiff', () => {
  describe.each(COMPRESSIONS)('%s', (compression) => {
    it.each(FIXTURES)('%s: decodes to the same pixels', async (_label, make) => {
      const page = make();
      const [decoded] = await roundTrip([page], compression);
      expect(firstDifference(decoded!, page)).toBe('same');
    });
  });

  it.each([
    ['g3-2d at standard resolution (K = 2)', 'g3-2d', 98],
    ['g3 at standard resolution', 'g3', 98],
  ] as const)('%s decodes to the same pixels', async (_label, compression, yDpi) => {
    const page = glyphLike(1728, 200, 11);
    const [decoded] = await roundTrip([page], compression, yDpi);
    expect(firstDifference(decoded!, page)).toBe('same');
  });

  it.each([
    ['1-D, EOLs not aligned', { scheme: 't4', k: 1, alignEol: false }],
    ['2-D K = 4, EOLs not aligned', { scheme: 't4', k: 4, alignEol: false }],
    ['2-D K = 3, EOLs aligned', { scheme: 't4', k: 3, alignEol: true }],
  ] as const)('codes T.4 %s as libtiff reads it from T4Options', async (_label, coding) => {
    const page = glyphLike(1728, 120, 3);
    const strip = encodeCcittPage(page, coding);
    const tiff = writeFaxTiff([{ width: 1728, height: 120, rowsPerStrip: 120, strips: [strip], compression: 3, t4Options: t4Options(coding) }], { xDpi: 204, yDpi: 196 });
    const [decoded] = await decodeWithLibtiff(tiff);
    expect(firstDifference(decoded!, page)).toBe('same');
  });

  it('keeps every page of a multi-page file apart', async () => {
    const pages = [noise(1728, 30, 0.05, 1), bilevelOf(1728, 30, () => true), glyphLike(1728, 30, 2)];
    for (const compression of COMPRESSIONS) {
      const decoded = await roundTrip(pages, compression);
      expect(decoded.map((page, index) => firstDifference(page, pages[index]!))).toEqual(['same', 'same', 'same']);
    }
  });

  it('codes a white row as the recommendations spell it', () => {
    const white = bilevelOfRows([Array.from({ length: 1728 }, () => 0)]);
    const eol = '000000000001';
    // G4: V0 (a1 and b1 both at the end of the row), then EOFB.
    expect([...encodeCcittPage(white, { scheme: 't6' })]).toEqual(bytesOf(`1${eol}${eol}`));
    // G3 1-D, EOL ending on a byte boundary: fill, EOL, white make-up 1728, white terminating 0.
    expect([...encodeCcittPage(white, { scheme: 't4', k: 1, alignEol: true })]).toEqual(bytesOf(`0000${eol}010011011${'00110101'}`));
    // G3 2-D: the EOL is followed by the tag bit, 1 for a 1-D row.
    expect([...encodeCcittPage(white, { scheme: 't4', k: 4, alignEol: false })]).toEqual(bytesOf(`${eol}1010011011${'00110101'}`));
  });

  it('tags G3 pages with compression 3 and T4Options, G4 pages with compression 4', () => {
    const page = noise(1728, 10, 0.1, 5);
    const tiff = writeFaxTiff(
      (['g4', 'g3', 'g3-2d'] as const).map((compression) => encodeFaxPage(page, compression, 196)),
      { xDpi: 204, yDpi: 196 },
    );
    expect(readTiffPages(tiff).map((tiffPage) => [tiffPage.compression, tiffPage.t4Options])).toEqual([
      [4, undefined],
      [3, 4],
      [3, 5],
    ]);
  });

  it('refuses a T.4 K below 1', () => {
    expect(() => encodeCcittPage(noise(8, 2, 0.5, 1), { scheme: 't4', k: 0, alignEol: true } as CcittCoding)).toThrow(RangeError);
  });
});
