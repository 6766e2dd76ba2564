import { blankBilevel, type PackedBilevel } from './packed-bilevel';
import { thresholdGrey } from './threshold-grey';

/** How grey is turned into black and white: a fixed threshold, or Floyd–Steinberg error diffusion. */
export type Halftone = 'threshold' | 'dither';

/**
 * Turns an 8-bit grey raster (as PDFium renders fax pages) into packed black-and-white rows.
 * `threshold` keeps text crisp and compresses best; `dither` keeps photographs recognisable at the
 * cost of 10–20× larger pages (and as many times longer on the line).
 */
export function toPackedBilevel(grey: Uint8Array, width: number, height: number, halftone: Halftone): PackedBilevel {
  return halftone === 'threshold' ? thresholdGrey(grey, width, height) : ditherGrey(grey, width, height);
}

function ditherGrey(grey: Uint8Array, width: number, height: number): PackedBilevel {
  if (grey.length < width * height) throw new RangeError('the grey buffer is smaller than width × height');
  const page = blankBilevel(width, height);
  let current = new Int16Array(width + 2);
  let next = new Int16Array(width + 2);
  for (let y = 0; y < height; y++) {
    const row = y * page.stride;
    for (let x = 0; x < width; x++) {
      const value = grey[y * width + x] + current[x + 1];
      const black = value < 128;
      if (black) page.bits[row + (x >> 3)] |= 0x80 >> (x & 7);
      const error = black ? value : value - 255;
      current[x + 2] += (error * 7) >> 4;
      next[x] += (error * 3) >> 4;
      next[x + 1] += (error * 5) >> 4;
      next[x + 2] += error >> 4;
    }
    [current, next] = [next, current];
    next.fill(0);
  }
  return page;
}
