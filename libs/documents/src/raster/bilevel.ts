/** How grey is turned into black and white: a fixed threshold, or Floyd–Steinberg error diffusion. */
export type Halftone = 'threshold' | 'dither';

// Greys darker than this print black. Above the midpoint so anti-aliased thin strokes survive at
// 204 dpi; light backgrounds and watermarks (lighter than ~37 % grey) still drop to white.
const THRESHOLD = 160;

/**
 * Turns an RGBA raster into one byte per pixel, 0 (black) or 255 (white). `threshold` keeps text
 * crisp and compresses best; `dither` keeps photographs recognisable at the cost of 10–20× larger
 * pages (and as many times longer on the line).
 */
export function toBilevel(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number, halftone: Halftone): Buffer {
  const pixels = width * height;
  const output = Buffer.allocUnsafe(pixels);
  if (halftone === 'threshold') {
    for (let index = 0, source = 0; index < pixels; index++, source += 4) {
      output[index] = luminance(rgba, source) < THRESHOLD ? 0 : 255;
    }
    return output;
  }
  let current = new Int16Array(width + 2);
  let next = new Int16Array(width + 2);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const index = y * width + x;
      const value = luminance(rgba, index * 4) + current[x + 1];
      const black = value < 128;
      output[index] = black ? 0 : 255;
      const error = black ? value : value - 255;
      current[x + 2] += (error * 7) >> 4;
      next[x] += (error * 3) >> 4;
      next[x + 1] += (error * 5) >> 4;
      next[x + 2] += error >> 4;
    }
    [current, next] = [next, current];
    next.fill(0);
  }
  return output;
}

// Rec. 601 luma in integer arithmetic.
function luminance(rgba: Uint8Array | Uint8ClampedArray, at: number): number {
  return (rgba[at] * 77 + rgba[at + 1] * 150 + rgba[at + 2] * 29) >> 8;
}
