import type { BitWriter } from './bit-writer';
import { BLACK_RUN_CODES, WHITE_RUN_CODES } from './ccitt-codes';
import { writeRun } from './run-length.coder';

/**
 * Codes one row in Modified Huffman (T.4 1-D): alternating white and black runs, starting with a
 * white run (of length 0 when the row starts black). `changes` are the row's changing elements.
 */
export function writeOneDimensionalRow(writer: BitWriter, changes: Int32Array, count: number, width: number): void {
  let start = 0;
  for (let index = 0; index < count; index++) {
    const position = changes[index];
    writeRun(writer, (index & 1) === 0 ? WHITE_RUN_CODES : BLACK_RUN_CODES, position - start);
    start = position;
  }
  writeRun(writer, (count & 1) === 0 ? WHITE_RUN_CODES : BLACK_RUN_CODES, width - start);
}
