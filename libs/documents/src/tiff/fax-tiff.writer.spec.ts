import sharp from 'sharp';
import { bilevelOf } from '../ccitt/bilevel-fixtures.test-helpers';
import { encodeFaxPage, type FaxCompression } from './fax-page.encoder';
import { joinFaxTiffSegments, writeFaxTiff, writeFaxTiffSegment, type FaxTiffPage } from './fax-tiff.writer';
import { readTiffPages } from './tiff-ifd.reader';

const page = (height: number, blackRows: number, compression: FaxCompression, yDpi = 196): FaxTiffPage =>
  encodeFaxPage(
    bilevelOf(1728, height, (_x, y) => y < blackRows),
    compression,
    yDpi,
  );

describe.each<FaxCompression>(['g4', 'g3', 'g3-2d'])('writeFaxTiff with %s pages', (compression) => {
  it('writes a multi-page TIFF that libtiff (through sharp) decodes page by page', async () => {
    const tiff = writeFaxTiff([page(600, 10, compression, 98), page(600, 300, compression, 98), page(600, 0, compression, 98)], { xDpi: 204, yDpi: 98 });

    const metadata = await sharp(tiff).metadata();
    expect(metadata).toMatchObject({ format: 'tiff', pages: 3, width: 1728, height: 600 });
    const blackShare = await Promise.all(
      [0, 1, 2].map(async (index) => {
        const { data } = await sharp(tiff, { page: index }).toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
        return data.filter((value) => value < 128).length / data.length;
      }),
    );
    expect(blackShare.map((share) => Math.round(share * 600))).toEqual([10, 300, 0]);
  });

  it('tags each page as a fax page: 1 bit, CCITT, white is zero, resolution, page n of N, one strip', () => {
    const tiff = writeFaxTiff([page(300, 1, compression), page(300, 2, compression)], { xDpi: 204, yDpi: 196 });
    const pages = readTiffPages(tiff);
    expect(pages).toHaveLength(2);
    pages.forEach((tiffPage, index) => {
      expect(tiffPage).toMatchObject({
        width: 1728,
        height: 300,
        compression: compression === 'g4' ? 4 : 3,
        t4Options: { g4: undefined, g3: 4, 'g3-2d': 5 }[compression],
        photometric: 0,
        bitsPerSample: 1,
        samplesPerPixel: 1,
        rowsPerStrip: 300,
        xResolution: 204,
        yResolution: 196,
        resolutionUnit: 2,
        pageNumber: [index, 2],
      });
      expect(tiffPage.stripOffsets).toHaveLength(1);
    });
  });
});

describe('joinFaxTiffSegments', () => {
  const resolution = { xDpi: 204, yDpi: 196 };
  // A page in two strips, so its strip offsets and byte counts sit outside its directory entries.
  const twoStrips = (blackRows: number): FaxTiffPage => {
    const half = page(150, blackRows, 'g4');
    return { ...half, height: 300, rowsPerStrip: 150, strips: [half.strips[0]!, half.strips[0]!] };
  };

  it('joins segments written apart into the very file written in one go', () => {
    const pages = [page(300, 1, 'g4'), twoStrips(3), page(300, 5, 'g3'), twoStrips(7), page(300, 9, 'g4')];
    const whole = writeFaxTiff(pages, resolution);
    const joined = joinFaxTiffSegments([
      writeFaxTiffSegment(pages.slice(0, 2), resolution, { first: 0, total: 5 }),
      writeFaxTiffSegment([], resolution, { first: 2, total: 5 }),
      writeFaxTiffSegment(pages.slice(2, 3), resolution, { first: 2, total: 5 }),
      writeFaxTiffSegment(pages.slice(3), resolution, { first: 3, total: 5 }),
    ]);
    expect(joined.equals(whole)).toBe(true);
    const read = readTiffPages(joined);
    expect(read.map((tiffPage) => tiffPage.pageNumber)).toEqual([0, 1, 2, 3, 4].map((index) => [index, 5]));
    // Every strip offset points at the strip that page was given.
    read.forEach((tiffPage, index) => {
      tiffPage.stripOffsets.forEach((offset, strip) => {
        const bytes = pages[index]!.strips[strip]!;
        expect(joined.subarray(offset, offset + bytes.length).equals(bytes)).toBe(true);
      });
    });
  });

  it('writes a file of no pages as a bare header', () => {
    const empty = joinFaxTiffSegments([writeFaxTiffSegment([], resolution, { first: 0, total: 0 })]);
    expect(empty).toEqual(Buffer.from([0x49, 0x49, 42, 0, 0, 0, 0, 0]));
  });
});

