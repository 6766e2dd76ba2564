/**
 * Pages of a document as a fax service would count them: a PDF's `/Type /Page` objects (not the
 * `/Pages` tree), a text file one page per 60 lines, anything else one page; never fewer than one.
 */
export function countPages(bytes: Buffer, fileName: string | null): number {
  const text = bytes.toString('latin1');
  if (text.startsWith('%PDF')) return Math.max(1, (text.match(/\/Type\s*\/Page(?![a-z])/g) ?? []).length);
  if (fileName !== null && /\.txt$/i.test(fileName)) return Math.max(1, Math.ceil(text.split('\n').length / 60));
  return 1;
}
