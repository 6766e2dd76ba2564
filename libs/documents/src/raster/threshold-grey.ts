import { blankBilevel, type PackedBilevel } from './packed-bilevel';

/**
 * Greys darker than this print black. Above the midpoint so anti-aliased thin strokes survive at
 * 204 dpi; light backgrounds and watermarks (lighter than ~37 % grey) still drop to white.
 */
export const THRESHOLD = 160;

const WHITE_WORD = 0xffffffff;

/**
 * Thresholds an 8-bit grey raster (rows packed, `width` bytes each) straight into packed 1-bit
 * rows: greys darker than {@link THRESHOLD} print black. Eight pixels are read as two 32-bit
 * words, and eight white ones (most of a text page) cost one comparison for their output byte.
 */
export function thresholdGrey(grey: Uint8Array, width: number, height: number): PackedBilevel {
  if (grey.length < width * height) throw new RangeError('the grey buffer is smaller than width × height');
  const page = blankBilevel(width, height);
  const bits = page.bits;
  const words = width % 8 === 0 && grey.byteOffset % 4 === 0 ? new Uint32Array(grey.buffer, grey.byteOffset, (width * height) >> 2) : undefined;
  const wholeBytes = width >> 3;
  let source = 0;
  let target = 0;
  for (let y = 0; y < height; y++) {
    for (let column = 0; column < wholeBytes; column++, source += 8, target++) {
      if (words !== undefined && words[source >> 2] === WHITE_WORD && words[(source >> 2) + 1] === WHITE_WORD) continue;
      bits[target] =
        (grey[source] < THRESHOLD ? 0x80 : 0) |
        (grey[source + 1] < THRESHOLD ? 0x40 : 0) |
        (grey[source + 2] < THRESHOLD ? 0x20 : 0) |
        (grey[source + 3] < THRESHOLD ? 0x10 : 0) |
        (grey[source + 4] < THRESHOLD ? 0x08 : 0) |
        (grey[source + 5] < THRESHOLD ? 0x04 : 0) |
        (grey[source + 6] < THRESHOLD ? 0x02 : 0) |
        (grey[source + 7] < THRESHOLD ? 0x01 : 0);
    }
    const rest = width & 7;
    if (rest > 0) {
      let byte = 0;
      for (let bit = 0; bit < rest; bit++) if (grey[source + bit] < THRESHOLD) byte |= 0x80 >> bit;
      bits[target++] = byte;
      source += rest;
    }
  }
  return page;
}
