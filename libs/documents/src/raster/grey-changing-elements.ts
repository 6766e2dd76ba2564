import type { ChangingElementRows } from '../ccitt/changing-element-rows';
import { CHANGE_SENTINELS } from '../ccitt/changing-elements';
import { THRESHOLD } from './threshold-grey';

// Four grey bytes are classified at once in a 32-bit word, two at a time in 16-bit lanes: adding
// 256 − THRESHOLD to a byte carries into bit 8 of its lane exactly when the byte is THRESHOLD or
// lighter, i.e. white. No lane can carry into the next (0xff + 0x60 < 0x10000).
const EVEN_BYTES = 0x00ff00ff;
const WHITE_BIAS = (256 - THRESHOLD) * 0x00010001;
const LANE_CARRIES = 0x01000100;
const ALL_WHITE_WORD = -1; // four bytes of 255, read as a signed 32-bit word
const ALL_BLACK_WORD = 0;
// Words are read in the platform's byte order; the bit tricks assume the first pixel is the low
// byte. Every platform Node runs on is little-endian, but a big-endian one would take the byte path.
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * Finds the changing elements of row `row` of an 8-bit grey raster (rows packed, `width` bytes
 * each) as if it had been thresholded first: greys darker than {@link THRESHOLD} are black. Gives
 * the same changing elements as {@link thresholdGrey} followed by {@link findChangingElements},
 * without writing packed bits. Pixels are read four at a time as a 32-bit word; a word of four
 * white (255) pixels inside a white run, or of four black (0) ones inside a black run, costs one
 * comparison, and that is most of a text page.
 *
 * `words` is `grey` viewed as 32-bit words from its first 4-byte-aligned byte ({@link greyWords});
 * without it every pixel is read as a byte.
 */
export function findGreyChangingElements(grey: Uint8Array, words: Int32Array | undefined, row: number, width: number, changes: Int32Array): number {
  const rowStart = row * width;
  let count = 0;
  let colour = 0; // of the last pixel read: 0 white, 1 black; the row starts from an imaginary white one
  let x = 0;
  if (words !== undefined) {
    // The first pixel of the row that starts a word, and the pixel the words end at.
    const head = Math.min(width, (4 - ((grey.byteOffset + rowStart) & 3)) & 3);
    for (; x < head; x++) {
      const black = grey[rowStart + x] < THRESHOLD ? 1 : 0;
      if (black !== colour) {
        changes[count++] = x;
        colour = black;
      }
    }
    const wordEnd = head + ((width - head) & ~3);
    let index = (grey.byteOffset + rowStart + head - wordsOffset(grey)) >> 2;
    while (x < wordEnd) {
      // Skip words that continue the current run in one tight loop.
      const same = colour === 0 ? ALL_WHITE_WORD : ALL_BLACK_WORD;
      while (x < wordEnd && words[index] === same) {
        x += 4;
        index++;
      }
      if (x >= wordEnd) break;
      const word = words[index++];
      const whiteEven = ((word & EVEN_BYTES) + WHITE_BIAS) & LANE_CARRIES; // pixels 0 and 2 at bits 8 and 24
      const whiteOdd = (((word >>> 8) & EVEN_BYTES) + WHITE_BIAS) & LANE_CARRIES; // pixels 1 and 3
      const white = (whiteEven >>> 8) | (whiteOdd >>> 7); // pixels 0, 1 at bits 0, 1; 2, 3 at bits 16, 17
      const black = ~(white | (white >>> 14)) & 0xf; // pixel i at bit i
      // A pixel changes where it differs from the one before it (for pixel 0, the last one read).
      let changed = (black ^ ((black << 1) | colour)) & 0xf;
      while (changed !== 0) {
        changes[count++] = x + 31 - Math.clz32(changed & -changed);
        changed &= changed - 1;
      }
      colour = black >>> 3;
      x += 4;
    }
  }
  for (; x < width; x++) {
    const black = grey[rowStart + x] < THRESHOLD ? 1 : 0;
    if (black !== colour) {
      changes[count++] = x;
      colour = black;
    }
  }
  for (let sentinel = 0; sentinel < CHANGE_SENTINELS; sentinel++) changes[count + sentinel] = width;
  return count;
}

/** `grey` viewed as 32-bit words from its first 4-byte-aligned byte, for {@link findGreyChangingElements}. */
export function greyWords(grey: Uint8Array): Int32Array | undefined {
  if (!LITTLE_ENDIAN) return undefined;
  const start = wordsOffset(grey);
  const end = (grey.byteOffset + grey.length) & ~3;
  return end > start ? new Int32Array(grey.buffer, start, (end - start) >> 2) : undefined;
}

function wordsOffset(grey: Uint8Array): number {
  return (grey.byteOffset + 3) & ~3;
}

/**
 * The rows of an 8-bit grey raster thresholded at {@link THRESHOLD}, for the CCITT coders: the
 * same page as {@link thresholdGrey} gives, without packing it first. The grey bytes are read
 * while coding, so they must not change until then.
 */
export function thresholdedGreyRows(grey: Uint8Array, width: number, height: number): ChangingElementRows {
  if (grey.length < width * height) throw new RangeError('the grey buffer is smaller than width × height');
  const words = greyWords(grey);
  return { width, height, changesOfRow: (row, changes) => findGreyChangingElements(grey, words, row, width, changes) };
}
