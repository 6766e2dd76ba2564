/** Document types Faxbot accepts for sending (later versions add images). */
export type DocumentType = 'pdf' | 'txt';

/** MIME type of each {@link DocumentType}. */
export const DOCUMENT_MIME_TYPES: Record<DocumentType, string> = {
  pdf: 'application/pdf',
  txt: 'text/plain; charset=utf-8',
};

// The PDF header may be preceded by junk; readers accept it within the first 1024 bytes.
const PDF_HEADER_WINDOW = 1024;
const PDF_MAGIC = Buffer.from('%PDF-');

/**
 * Decides a document's type from its bytes, never from a declared name or MIME type: `pdf` when
 * the PDF header is near the start, `txt` when the whole content is valid UTF-8 text without
 * control characters other than tab, line feed, carriage return and form feed, `null` otherwise.
 *
 * @example
 * detectDocumentType(Buffer.from('%PDF-1.7\n...')); // 'pdf'
 * detectDocumentType(Buffer.from('Hello')); // 'txt'
 */
export function detectDocumentType(content: Buffer): DocumentType | null {
  if (content.subarray(0, PDF_HEADER_WINDOW).includes(PDF_MAGIC)) return 'pdf';
  return isPlainText(content) ? 'txt' : null;
}

function isPlainText(content: Buffer): boolean {
  if (content.length === 0) return false;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    return false;
  }
  // eslint-disable-next-line no-control-regex -- control characters are exactly what we look for
  return !/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text);
}
