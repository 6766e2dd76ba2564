import fc from 'fast-check';
import sharp from 'sharp';
import { DocumentError } from '../document.error';
import { makeTiff } from '../document-fixtures.test-helpers';
import { readTiffPages } from './tiff-ifd.reader';

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (DocumentError.is(error)) return error.code;
    throw error;
  }
  return 'accepted';
}

describe('readTiffPages', () => {
  let threePages: Buffer;
  beforeAll(async () => {
    threePages = await makeTiff(3, 40, 30);
  });

  it('reads every page directory of a multi-page TIFF', () => {
    const pages = readTiffPages(threePages);
    expect(pages).toHaveLength(3);
    expect(pages[0]).toMatchObject({ width: 40, height: 30, compression: 5, bitsPerSample: 8, samplesPerPixel: 1 });
    expect(pages.every((page) => page.stripOffsets.length === page.stripByteCounts.length && page.stripOffsets.length > 0)).toBe(true);
  });

  it('reads resolution tags and their unit', async () => {
    // sharp takes pixels per millimetre and writes them per centimetre here.
    const tiff = await sharp({ create: { width: 16, height: 8, channels: 3, background: '#fff' } })
      .tiff({ xres: 8, yres: 4, resolutionUnit: 'cm' })
      .toBuffer();
    expect(readTiffPages(tiff)[0]).toMatchObject({ width: 16, height: 8, xResolution: 80, yResolution: 40, resolutionUnit: 3 });
  });

  it('reads big-endian files', () => {
    const tiff = Buffer.alloc(8 + 2 + 2 * 12 + 4);
    tiff.write('MM', 0, 'latin1');
    tiff.writeUInt16BE(42, 2);
    tiff.writeUInt32BE(8, 4);
    tiff.writeUInt16BE(2, 8);
    // ImageWidth as a SHORT (left-justified in the value field), ImageLength as a LONG.
    tiff.writeUInt16BE(256, 10);
    tiff.writeUInt16BE(3, 12);
    tiff.writeUInt32BE(1, 14);
    tiff.writeUInt16BE(1728, 18);
    tiff.writeUInt16BE(257, 22);
    tiff.writeUInt16BE(4, 24);
    tiff.writeUInt32BE(1, 26);
    tiff.writeUInt32BE(2156, 30);
    expect(readTiffPages(tiff)[0]).toMatchObject({ width: 1728, height: 2156, compression: 1 });
  });

  it('refuses more pages than allowed before reading them all', () => {
    expect(codeOf(() => readTiffPages(threePages, 2))).toBe('TOO_MANY_PAGES');
    expect(readTiffPages(threePages, 3)).toHaveLength(3);
  });

  it('refuses a directory chain that loops', () => {
    const looping = Buffer.from(threePages);
    const first = looping.readUInt32LE(4);
    const entries = looping.readUInt16LE(first);
    looping.writeUInt32LE(first, first + 2 + entries * 12);
    expect(codeOf(() => readTiffPages(looping))).toBe('UNREADABLE');
  });

  it('refuses every truncation and never throws anything but a DocumentError (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: threePages.length - 1 }), (length) => {
        expect(['UNREADABLE', 'EMPTY_DOCUMENT', 'accepted']).toContain(codeOf(() => readTiffPages(threePages.subarray(0, length))));
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 300 }), fc.boolean(), (random, littleEndian) => {
        const header = Buffer.from(littleEndian ? [0x49, 0x49, 0x2a, 0x00] : [0x4d, 0x4d, 0x00, 0x2a]);
        const code = codeOf(() => readTiffPages(Buffer.concat([header, random]), 50));
        expect(['UNREADABLE', 'EMPTY_DOCUMENT', 'TOO_MANY_PAGES', 'accepted']).toContain(code);
      }),
      { numRuns: 3000 },
    );
  });
});
