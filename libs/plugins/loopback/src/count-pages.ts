/** Lines per page of a text fax: a Letter page at 10 pt with the usual margins. */
const LINES_PER_PAGE = 60;

// `/Type /Page` objects only: the lookahead refuses `/Pages` (the page tree) and `/PageLabel`.
const PDF_PAGE_OBJECT = /\/Type\s*\/Page(?![A-Za-z0-9])/g;

/**
 * Counts the pages a document would take on the line, never fewer than one. PDF pages hidden in
 * compressed object streams are not seen; such a file counts as one page, which is good enough for
 * a simulator.
 */
export function countPages(type: 'pdf' | 'txt', bytes: Buffer): number {
  if (type === 'pdf') {
    // latin1 maps every byte to one character, so binary streams cannot break the scan.
    const objects = bytes.toString('latin1').match(PDF_PAGE_OBJECT)?.length ?? 0;
    return Math.max(1, objects);
  }
  const lines = bytes.toString('utf8').split(/\r\n|\r|\n/);
  // A final newline ends the last line; it does not start another one.
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return Math.max(1, Math.ceil(lines.length / LINES_PER_PAGE));
}
