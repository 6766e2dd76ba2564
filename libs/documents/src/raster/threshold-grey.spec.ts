import fc from 'fast-check';
import { THRESHOLD, thresholdGrey } from './threshold-grey';

const isBlack = (bits: Uint8Array, stride: number, x: number, y: number): boolean => ((bits[y * stride + (x >> 3)]! >> (7 - (x & 7))) & 1) === 1;

describe('thresholdGrey', () => {
  it.each([
    [0, true],
    [100, true],
    [159, true],
    [160, false],
    [255, false],
  ])('turns grey %i into black: %s', (grey, black) => {
    const page = thresholdGrey(new Uint8Array(9 * 2).fill(grey), 9, 2);
    expect(page.stride).toBe(2);
    // Black fills the 9 pixels of each row; the 7 padding bits stay white.
    expect([...page.bits]).toEqual(black ? [0xff, 0x80, 0xff, 0x80] : [0, 0, 0, 0]);
  });

  it('takes the eight-white-pixels shortcut only where all eight are white', () => {
    const grey = new Uint8Array(16 * 2).fill(255);
    grey[7] = 0; // last pixel of the first group of eight
    grey[16 + 8] = 159; // first pixel of the second group, row 2
    const page = thresholdGrey(grey, 16, 2);
    expect([...page.bits]).toEqual([0x01, 0, 0, 0x80]);
  });

  it('reads pixels from a buffer that does not start on a 4-byte boundary', () => {
    const backing = new Uint8Array(1 + 16).fill(255);
    const grey = backing.subarray(1);
    grey[9] = 10;
    expect([...thresholdGrey(grey, 16, 1).bits]).toEqual([0, 0b01000000]);
  });

  it('refuses a buffer smaller than the raster', () => {
    expect(() => thresholdGrey(new Uint8Array(10), 4, 3)).toThrow(RangeError);
  });

  it('agrees with the per-pixel rule on random pixels of random widths (property)', () => {
    // Mostly white pixels, as on a page, so runs of eight white ones occur too.
    const pixel = fc.oneof({ weight: 3, arbitrary: fc.constant(255) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 255 }) });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 6 }), fc.infiniteStream(pixel), (width, height, pixels) => {
        const grey = Uint8Array.from(Array.from({ length: width * height }, () => pixels.next().value as number));
        const page = thresholdGrey(grey, width, height);
        for (let y = 0; y < height; y++) {
          for (let x = 0; x < width; x++) expect(isBlack(page.bits, page.stride, x, y)).toBe(grey[y * width + x]! < THRESHOLD);
          for (let x = width; x < page.stride * 8; x++) expect(isBlack(page.bits, page.stride, x, y)).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });
});
