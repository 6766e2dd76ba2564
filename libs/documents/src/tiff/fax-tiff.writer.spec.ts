import sharp from 'sharp';
import { bilevelOf } from '../ccitt/bilevel-fixtures.test-helpers';
import { encodeFaxPage, type FaxCompression } from './fax-page.encoder';
import { writeFaxTiff, type FaxTiffPage } from './fax-tiff.writer';
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
