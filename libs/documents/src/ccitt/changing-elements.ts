/** Sentinels stored after the last changing element of a row; see {@link findChangingElements}. */
export const CHANGE_SENTINELS = 3;

/**
 * Finds the changing elements of one packed row (T.4 §4.2.1.3.1): the positions of the pixels
 * whose colour differs from the pixel before them, the row starting from an imaginary white
 * pixel. So `changes[0]` is the first black pixel, `changes[1]` the first white pixel after it,
 * and so on. Whole bytes of the current colour are skipped at once, which is most of a fax page.
 *
 * Writes them to `changes` (at least `width + CHANGE_SENTINELS` long), followed by
 * {@link CHANGE_SENTINELS} copies of `width`, which stand for "no further change" in the coders.
 * Returns how many there are.
 */
export function findChangingElements(bits: Uint8Array, rowOffset: number, width: number, changes: Int32Array): number {
  const end = rowOffset + ((width + 7) >> 3);
  let count = 0;
  let invert = 0; // 0 while looking for black, 0xff while looking for white
  let mask = 0xff; // the bits of the current byte at or after the last change
  let index = rowOffset;
  while (index < end) {
    const byte = ((bits[index] ?? 0) ^ invert) & mask;
    if (byte === 0) {
      index++;
      mask = 0xff;
      continue;
    }
    const position = ((index - rowOffset) << 3) + Math.clz32(byte) - 24;
    // A black row ends in white padding bits; that is not a change.
    if (position >= width) break;
    changes[count++] = position;
    invert ^= 0xff;
    mask = 0xff >> (position & 7);
  }
  for (let sentinel = 0; sentinel < CHANGE_SENTINELS; sentinel++) changes[count + sentinel] = width;
  return count;
}
