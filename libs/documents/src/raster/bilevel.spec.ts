import { toPackedBilevel } from './bilevel';
import type { PackedBilevel } from './packed-bilevel';

function flatGrey(width: number, height: number, grey: number): Uint8Array {
  return new Uint8Array(width * height).fill(grey);
}

// Share of white pixels times 255, comparable with the grey it came from.
function meanGrey(page: PackedBilevel): number {
  let black = 0;
  for (let y = 0; y < page.height; y++) {
    for (let x = 0; x < page.width; x++) black += (page.bits[y * page.stride + (x >> 3)]! >> (7 - (x & 7))) & 1;
  }
  return 255 * (1 - black / (page.width * page.height));
}

describe('toPackedBilevel', () => {
  it.each([
    [0, 0],
    [100, 0],
    [159, 0],
    [170, 255],
    [255, 255],
  ])('thresholds grey %i to %i', (grey, expected) => {
    expect(meanGrey(toPackedBilevel(flatGrey(8, 8, grey), 8, 8, 'threshold'))).toBe(expected);
  });

  it.each([64, 128, 192])('dithers grey %i to black and white dots of the same average', (grey) => {
    const page = toPackedBilevel(flatGrey(64, 64, grey), 64, 64, 'dither');
    expect(meanGrey(page)).toBeGreaterThan(0);
    expect(meanGrey(page)).toBeLessThan(255);
    expect(Math.abs(meanGrey(page) - grey)).toBeLessThan(12);
  });

  it('refuses a buffer smaller than the raster when dithering', () => {
    expect(() => toPackedBilevel(new Uint8Array(10), 4, 4, 'dither')).toThrow(RangeError);
  });

  it('keeps pure black and white exact when dithering, and leaves the row padding white', () => {
    expect(meanGrey(toPackedBilevel(flatGrey(12, 16, 255), 12, 16, 'dither'))).toBe(255);
    const black = toPackedBilevel(flatGrey(12, 16, 0), 12, 16, 'dither');
    expect(meanGrey(black)).toBe(0);
    expect(black.bits[1]).toBe(0xf0);
  });
});
