/** How many IFDs (pages) the simulator follows before it calls a TIFF malformed. */
const MAX_PAGES = 10_000;

/** True when `bytes` start with a TIFF header: `II*\0` (little-endian) or `MM\0*` (big-endian). */
export function isTiff(bytes: Buffer): boolean {
  if (bytes.length < 8) return false;
  const order = bytes.toString('latin1', 0, 2);
  if (order === 'II') return bytes.readUInt16LE(2) === 42;
  if (order === 'MM') return bytes.readUInt16BE(2) === 42;
  return false;
}

/**
 * Counts the pages of a TIFF by walking its chain of image file directories, the way a fax
 * engine does before it transmits. Returns 0 for anything that is not a well-formed TIFF.
 */
export function countTiffPages(bytes: Buffer): number {
  if (!isTiff(bytes)) return 0;
  const little = bytes.toString('latin1', 0, 2) === 'II';
  const u16 = (at: number): number => (little ? bytes.readUInt16LE(at) : bytes.readUInt16BE(at));
  const u32 = (at: number): number => (little ? bytes.readUInt32LE(at) : bytes.readUInt32BE(at));
  const seen = new Set<number>();
  let offset = u32(4);
  let pages = 0;
  while (offset !== 0) {
    // A loop in the chain or an offset past the end means a broken file, not a long fax.
    if (seen.has(offset) || offset + 2 > bytes.length || pages >= MAX_PAGES) return 0;
    seen.add(offset);
    const entries = u16(offset);
    const next = offset + 2 + entries * 12;
    if (next + 4 > bytes.length) return 0;
    pages += 1;
    offset = u32(next);
  }
  return pages;
}
