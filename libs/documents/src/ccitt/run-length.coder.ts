import type { BitWriter } from './bit-writer';
import { LONGEST_MAKEUP, type RunCodes } from './ccitt-codes';

const MAKEUP_STEPS = LONGEST_MAKEUP >> 6;

/**
 * Writes one run of pixels of one colour in Modified Huffman code (T.4 §4.1.1): make-up codes for
 * the multiples of 64 (2560 repeated for longer runs), then the terminating code of the rest,
 * which is always written, even for 0.
 */
export function writeRun(writer: BitWriter, codes: RunCodes, run: number): void {
  let rest = run;
  while (rest >= 64) {
    const steps = Math.min(rest >> 6, MAKEUP_STEPS);
    const makeup = codes.makeup[steps - 1];
    writer.write(makeup.bits, makeup.length);
    rest -= steps << 6;
  }
  const terminating = codes.terminating[rest];
  writer.write(terminating.bits, terminating.length);
}
