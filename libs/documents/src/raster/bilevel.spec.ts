import { toBilevel } from './bilevel';

function flatRgba(width: number, height: number, grey: number): Uint8Array {
  const rgba = new Uint8Array(width * height * 4).fill(grey);
  for (let index = 3; index < rgba.length; index += 4) rgba[index] = 255;
  return rgba;
}

const mean = (pixels: Buffer): number => pixels.reduce((sum, value) => sum + value, 0) / pixels.length;

describe('toBilevel', () => {
  it.each([
    [0, 0],
    [100, 0],
    [159, 0],
    [170, 255],
    [255, 255],
  ])('thresholds grey %i to %i', (grey, expected) => {
    expect([...new Set(toBilevel(flatRgba(8, 8, grey), 8, 8, 'threshold'))]).toEqual([expected]);
  });

  it.each([64, 128, 192])('dithers grey %i to black and white dots of the same average', (grey) => {
    const output = toBilevel(flatRgba(64, 64, grey), 64, 64, 'dither');
    expect([...new Set(output)].sort()).toEqual([0, 255]);
    expect(Math.abs(mean(output) - grey)).toBeLessThan(12);
  });

  it('keeps pure black and white exact when dithering', () => {
    expect([...new Set(toBilevel(flatRgba(16, 16, 255), 16, 16, 'dither'))]).toEqual([255]);
    expect([...new Set(toBilevel(flatRgba(16, 16, 0), 16, 16, 'dither'))]).toEqual([0]);
  });
});
