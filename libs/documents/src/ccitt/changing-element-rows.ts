import type { PackedBilevel } from '../raster/packed-bilevel';
import { findChangingElements } from './changing-elements';

/**
 * A black-and-white page as the CCITT coders read it: row by row, as changing elements. The rows
 * may come from packed bits or straight from a grey raster, so a page need not be packed first.
 */
export interface ChangingElementRows {
  width: number;
  height: number;
  /**
   * Writes the changing elements of row `row` to `changes` (at least `width + CHANGE_SENTINELS`
   * long), followed by the sentinels, as {@link findChangingElements} does; returns how many.
   */
  changesOfRow(row: number, changes: Int32Array): number;
}

/** The rows of a packed page. */
export function packedRows(page: PackedBilevel): ChangingElementRows {
  const { width, height, stride, bits } = page;
  return { width, height, changesOfRow: (row, changes) => findChangingElements(bits, row * stride, width, changes) };
}
