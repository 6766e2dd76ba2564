import sharp from 'sharp';
import { writeFaxTiff, type FaxTiffPage } from './fax-tiff.writer';
import { readTiffPages } from './tiff-ifd.reader';

async function g4Page(width: number, height: number, blackRows: number): Promise<FaxTiffPage> {
  const pixels = Buffer.alloc(width * height, 255).fill(0, 0, width * blackRows);
  const tiff = await sharp(pixels, { raw: { width, height, channels: 1 } })
    .toColourspace('b-w')
    .tiff({ compression: 'ccittfax4', bitdepth: 1, miniswhite: true })
    .toBuffer();
  const [page] = readTiffPages(tiff);
  return { width, height, rowsPerStrip: page!.rowsPerStrip, strips: page!.stripOffsets.map((offset, index) => tiff.subarray(offset, offset + page!.stripByteCounts[index]!)) };
}

describe('writeFaxTiff', () => {
  it('writes a multi-page G4 TIFF that libtiff (through sharp) decodes page by page', async () => {
    const pages = [await g4Page(1728, 600, 10), await g4Page(1728, 600, 300), await g4Page(1728, 600, 0)];
    const tiff = writeFaxTiff(pages, { xDpi: 204, yDpi: 98 });

    const metadata = await sharp(tiff).metadata();
    expect(metadata).toMatchObject({ format: 'tiff', pages: 3, width: 1728, height: 600 });
    const blackShare = await Promise.all(
      [0, 1, 2].map(async (page) => {
        const { data } = await sharp(tiff, { page }).toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
        return data.filter((value) => value < 128).length / data.length;
      }),
    );
    expect(blackShare.map((share) => Math.round(share * 600))).toEqual([10, 300, 0]);
  });

  it('tags each page as a fax page: 1 bit, G4, white is zero, resolution, page n of N', async () => {
    const tiff = writeFaxTiff([await g4Page(1728, 300, 1), await g4Page(1728, 300, 2)], { xDpi: 204, yDpi: 196 });
    const pages = readTiffPages(tiff);
    expect(pages).toHaveLength(2);
    pages.forEach((page, index) => {
      expect(page).toMatchObject({
        width: 1728,
        height: 300,
        compression: 4,
        photometric: 0,
        bitsPerSample: 1,
        samplesPerPixel: 1,
        xResolution: 204,
        yResolution: 196,
        resolutionUnit: 2,
        pageNumber: [index, 2],
      });
    });
  });
});
