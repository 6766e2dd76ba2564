import type { PackedBilevel } from '../raster/packed-bilevel';
import { BitWriter } from './bit-writer';
import { EOL } from './ccitt-codes';
import { packedRows, type ChangingElementRows } from './changing-element-rows';
import { CHANGE_SENTINELS } from './changing-elements';
import { writeOneDimensionalRow } from './one-dimensional.coder';
import { writeTwoDimensionalRow } from './two-dimensional.coder';

/**
 * How a page is coded.
 * - `t6`: ITU-T T.6 (Group 4): every row 2-D against the row above, no EOLs, EOFB at the end.
 * - `t4`: ITU-T T.4 (Group 3): an EOL before every row. `k` 1 codes every row 1-D (Modified
 *   Huffman); `k` 2 or more codes one row in `k` 1-D and the rest 2-D (Modified READ), each EOL
 *   then followed by a tag bit, 1 for a 1-D row. `alignEol` adds fill bits so that every EOL ends
 *   on a byte boundary (TIFF's T4Options bit 2).
 */
export type CcittCoding = { scheme: 't6' } | { scheme: 't4'; k: number; alignEol: boolean };

/**
 * Codes one packed black-and-white page as a single CCITT strip, as TIFF stores it (compression
 * 3 with {@link t4Options}, or 4): fill order 1, ending on a byte boundary. A T.4 strip has no RTC
 * at the end, as TIFF Class F asks; a T.6 strip ends with EOFB, as T.6 asks.
 */
export function encodeCcittPage(page: PackedBilevel, coding: CcittCoding): Buffer {
  return encodeCcittRows(packedRows(page), coding);
}

/**
 * Codes one page given as {@link ChangingElementRows} (packed bits, or grey bytes thresholded on
 * the fly) as {@link encodeCcittPage} does: the same rows give the same bytes, whatever their source.
 */
export function encodeCcittRows(page: ChangingElementRows, coding: CcittCoding): Buffer {
  const { width, height } = page;
  if (coding.scheme === 't4' && (!Number.isInteger(coding.k) || coding.k < 1)) throw new RangeError('k must be a whole number of at least 1');
  const writer = new BitWriter(Math.max(4096, (((width + 7) >> 3) * height) >> 3));
  let current = new Int32Array(width + CHANGE_SENTINELS + 1);
  let reference = new Int32Array(width + CHANGE_SENTINELS + 1).fill(width); // an all-white row
  for (let row = 0; row < height; row++) {
    const count = page.changesOfRow(row, current);
    if (coding.scheme === 't6') writeTwoDimensionalRow(writer, current, reference, width);
    else {
      if (coding.alignEol) writer.write(0, (12 - writer.bitOffset) & 7);
      const oneDimensional = row % coding.k === 0;
      if (coding.k === 1) writer.write(EOL.bits, EOL.length);
      else writer.write((EOL.bits << 1) | (oneDimensional ? 1 : 0), EOL.length + 1);
      if (oneDimensional) writeOneDimensionalRow(writer, current, count, width);
      else writeTwoDimensionalRow(writer, current, reference, width);
    }
    [current, reference] = [reference, current];
  }
  if (coding.scheme === 't6') {
    writer.write(EOL.bits, EOL.length);
    writer.write(EOL.bits, EOL.length);
  }
  return writer.finish();
}

/** TIFF tag 292 (T4Options) for a T.4 coding: bit 0 for 2-D rows, bit 2 for byte-aligned EOLs. */
export function t4Options(coding: { k: number; alignEol: boolean }): number {
  return (coding.k > 1 ? 1 : 0) | (coding.alignEol ? 4 : 0);
}
