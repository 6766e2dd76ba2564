import { DocumentError } from '../document.error';
import { detectDocumentType } from './detect-document-type';

/** Every format the gateway takes in: what can be sent (PDF, text) and what it converts (images). */
export type SourceFormat = 'pdf' | 'txt' | 'png' | 'jpeg' | 'tiff';

/** MIME type of each {@link SourceFormat}. */
export const SOURCE_FORMAT_MIME_TYPES: Readonly<Record<SourceFormat, string>> = Object.freeze({
  pdf: 'application/pdf',
  txt: 'text/plain; charset=utf-8',
  png: 'image/png',
  jpeg: 'image/jpeg',
  tiff: 'image/tiff',
});

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG_MAGIC = Buffer.from([0xff, 0xd8, 0xff]);
const TIFF_LITTLE_ENDIAN = Buffer.from([0x49, 0x49, 0x2a, 0x00]);
const TIFF_BIG_ENDIAN = Buffer.from([0x4d, 0x4d, 0x00, 0x2a]);

/**
 * Decides a file's format from its bytes alone: the PNG, JPEG and classic TIFF signatures first,
 * then {@link detectDocumentType} for PDF and UTF-8 text. `null` for anything else (including
 * BigTIFF, GIF, Office files). Only the signature is checked; {@link inspectDocument} parses.
 *
 * @example
 * detectSourceFormat(await readFile('scan.tif')); // 'tiff'
 */
export function detectSourceFormat(content: Buffer): SourceFormat | null {
  if (startsWith(content, PNG_MAGIC)) return 'png';
  if (startsWith(content, JPEG_MAGIC)) return 'jpeg';
  if (startsWith(content, TIFF_LITTLE_ENDIAN) || startsWith(content, TIFF_BIG_ENDIAN)) return 'tiff';
  return detectDocumentType(content);
}

/** {@link detectSourceFormat}, refusing empty and unsupported files. */
export function requireSourceFormat(bytes: Buffer): SourceFormat {
  if (bytes.length === 0) throw new DocumentError('EMPTY_DOCUMENT', 'The file is empty.');
  const format = detectSourceFormat(bytes);
  if (format === null) {
    throw new DocumentError('UNSUPPORTED_FORMAT', 'The file is not a PDF, plain text (UTF-8), PNG, JPEG or TIFF. Other formats must be converted to PDF first.');
  }
  return format;
}

function startsWith(content: Buffer, magic: Buffer): boolean {
  return content.length >= magic.length && content.subarray(0, magic.length).equals(magic);
}
