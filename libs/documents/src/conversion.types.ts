import { DocumentError } from './document.error';
import type { SourceFormat } from './intake/detect-source-format';
import type { DocumentLimits } from './limits/document-limits';
import { isPageSize, type PageSize } from './page-size';
import type { ConversionPool } from './pool/conversion-pool';

/** Options every conversion takes. */
export interface ConversionOptions {
  /** The worker pool that does the work (see {@link createConversionPool}). */
  pool: ConversionPool;
  /** Overrides of {@link DEFAULT_DOCUMENT_LIMITS}. */
  limits?: Partial<DocumentLimits>;
}

/** What {@link inspectDocument} found: the format by content, and the pages it will make. */
export interface InspectedDocument {
  format: SourceFormat;
  /** MIME type of {@link InspectedDocument.format}. */
  mimeType: string;
  /** Pages of the document; for a text, the pages it takes once set on the chosen page size. */
  pages: number;
}

/** A converted document: its bytes and its page count. */
export interface ConvertedDocument {
  bytes: Buffer;
  pages: number;
}

/** A PNG picture of a page. */
export interface Thumbnail {
  bytes: Buffer;
  width: number;
  height: number;
}

/** The page size option, `letter` when absent; anything else is `INVALID_ARGUMENT`. */
export function pageSizeOption(value: PageSize | undefined): PageSize {
  const pageSize = value ?? 'letter';
  if (!isPageSize(pageSize)) throw new DocumentError('INVALID_ARGUMENT', 'pageSize must be letter or a4');
  return pageSize;
}

/** A worker's bytes as a Buffer, without copying. */
export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
