import { packedRows, type ChangingElementRows } from '../ccitt/changing-element-rows';
import { encodeCcittRows, t4Options, type CcittCoding } from '../ccitt/ccitt-page.encoder';
import type { PackedBilevel } from '../raster/packed-bilevel';
import type { FaxTiffPage } from './fax-tiff.writer';

/**
 * How fax TIFF pages are coded: `g4` CCITT T.6 (compression 4, the default, smallest); `g3` T.4
 * 1-D Modified Huffman (compression 3), the TIFF Class F baseline every fax reader takes; `g3-2d`
 * T.4 2-D Modified READ (compression 3 with T4Options bit 0), K = 4 at fine and 2 at standard
 * resolution as T.4 sets. G3 pages have byte-aligned EOLs (T4Options bit 2).
 */
export type FaxCompression = 'g4' | 'g3' | 'g3-2d';

/** Every {@link FaxCompression}, for checking options. */
export const FAX_COMPRESSIONS: readonly FaxCompression[] = ['g4', 'g3', 'g3-2d'];

/** Whether `value` is a {@link FaxCompression}. */
export function isFaxCompression(value: unknown): value is FaxCompression {
  return typeof value === 'string' && (FAX_COMPRESSIONS as readonly string[]).includes(value);
}

/** Codes one page as a single strip, ready for {@link writeFaxTiff}. `yDpi` picks K for `g3-2d`. */
export function encodeFaxPage(page: PackedBilevel, compression: FaxCompression, yDpi: number): FaxTiffPage {
  return encodeFaxRows(packedRows(page), compression, yDpi);
}

/**
 * Codes one page given row by row as changing elements (for example a grey raster thresholded
 * while coding, {@link thresholdedGreyRows}) as {@link encodeFaxPage} does.
 */
export function encodeFaxRows(page: ChangingElementRows, compression: FaxCompression, yDpi: number): FaxTiffPage {
  const coding = codingOf(compression, yDpi);
  const strip = encodeCcittRows(page, coding);
  if (coding.scheme === 't6') return g4FaxPage(strip, page.width, page.height);
  return { width: page.width, height: page.height, rowsPerStrip: page.height, strips: [strip], compression: 3, t4Options: t4Options(coding) };
}

/** A page coded in T.6 (G4) elsewhere, as one strip, ready for {@link writeFaxTiff}. */
export function g4FaxPage(strip: Buffer, width: number, height: number): FaxTiffPage {
  return { width, height, rowsPerStrip: height, strips: [strip], compression: 4 };
}

function codingOf(compression: FaxCompression, yDpi: number): CcittCoding {
  if (compression === 'g4') return { scheme: 't6' };
  // T.4 §4.2.1: a 1-D row at least every 2 rows at standard resolution, every 4 at fine.
  if (compression === 'g3-2d') return { scheme: 't4', k: yDpi > 150 ? 4 : 2, alignEol: true };
  return { scheme: 't4', k: 1, alignEol: true };
}
