import type { BitWriter } from './bit-writer';
import { BLACK_RUN_CODES, MODE_CODES, WHITE_RUN_CODES } from './ccitt-codes';
import { writeRun } from './run-length.coder';

const { pass: PASS, horizontal: HORIZONTAL, vertical: VERTICAL } = MODE_CODES;

/**
 * Codes one row against the row above it in the modes of T.4 2-D coding (§4.2), which T.6 uses
 * unchanged: pass mode when the reference row's next pair of changes ends before the coding row's
 * next change, vertical mode when the coding row's change is within 3 pixels of the reference
 * row's, horizontal mode (two runs in Modified Huffman code) otherwise.
 *
 * `coding` and `reference` are changing elements as {@link findChangingElements} writes them,
 * sentinels included; the first row of a page is coded against an all-white row (no changes).
 */
export function writeTwoDimensionalRow(writer: BitWriter, coding: Int32Array, reference: Int32Array, width: number): void {
  let a0 = -1; // before the row: an imaginary white pixel
  let colour = 0; // of a0: 0 white, 1 black
  let a1Index = 0;
  let rightOfA0 = 0; // the first reference change right of a0; only moves right, as a0 does
  while (a0 < width) {
    while (reference[rightOfA0] <= a0) rightOfA0++;
    // b1: the first change on the reference row right of a0 to the colour opposite a0's. Changes
    // to black sit at even indexes, so its index has the parity of a0's colour.
    const b1Index = (rightOfA0 & 1) === colour ? rightOfA0 : rightOfA0 + 1;
    const b1 = reference[b1Index];
    const b2 = reference[b1Index + 1];
    const a1 = coding[a1Index];
    if (b2 < a1) {
      writer.write(PASS.bits, PASS.length);
      a0 = b2;
      continue;
    }
    const offset = a1 - b1;
    if (offset >= -3 && offset <= 3) {
      const vertical = VERTICAL[offset + 3];
      writer.write(vertical.bits, vertical.length);
      a0 = a1;
      a1Index++;
      colour ^= 1;
      continue;
    }
    const a2 = coding[a1Index + 1];
    writer.write(HORIZONTAL.bits, HORIZONTAL.length);
    writeRun(writer, colour === 0 ? WHITE_RUN_CODES : BLACK_RUN_CODES, a1 - Math.max(a0, 0));
    writeRun(writer, colour === 0 ? BLACK_RUN_CODES : WHITE_RUN_CODES, a2 - a1);
    a0 = a2;
    a1Index += 2;
  }
}
