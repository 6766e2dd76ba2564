/**
 * Counts the pages of a document the way a simple fax service would: a PDF's `/Type /Page` objects
 * (not the `/Pages` tree), one page for anything else, never fewer than one.
 */
export function countDocumentPages(bytes: Buffer): number {
  if (!bytes.subarray(0, 5).equals(Buffer.from('%PDF-'))) return 1;
  const matches = bytes.toString('latin1').match(/\/Type\s*\/Page(?![a-z])/g);
  return Math.max(1, matches?.length ?? 0);
}
