import { DocumentError } from '../document.error';

// Readers accept "%%EOF" within the last 1024 bytes; a file cut short anywhere else lacks it.
const EOF_WINDOW = 1024;
const EOF_MARKER = Buffer.from('%%EOF');

/**
 * Refuses a PDF without an end-of-file marker with `UNREADABLE`: it was cut short (an interrupted
 * upload). Both PDF readers would otherwise repair it silently and fax only part of it.
 */
export function assertPdfEndMarker(bytes: Uint8Array): void {
  if (!Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).subarray(-EOF_WINDOW).includes(EOF_MARKER)) {
    throw new DocumentError('UNREADABLE', 'The PDF is incomplete: it has no end-of-file marker, so it was probably cut short.');
  }
}
