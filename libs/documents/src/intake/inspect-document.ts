import { pageSizeOption, type ConversionOptions, type InspectedDocument } from '../conversion.types';
import { resolveLimits } from '../limits/document-limits';
import { checkFileSize } from '../limits/file-size.limit';
import type { PageSize } from '../page-size';
import { runConversion } from '../pool/conversion-pool';
import { SOURCE_FORMAT_MIME_TYPES } from './detect-source-format';

/** Options of {@link inspectDocument}. */
export interface InspectOptions extends ConversionOptions {
  /** Page size a text would be set on, which decides its page count. Default `letter`. */
  pageSize?: PageSize;
}

/**
 * Checks an uploaded file by its content before it is accepted: PDF (parsed, every page loaded),
 * UTF-8 text (every character printable by the fax font), PNG, JPEG or TIFF (decoded). Resolves
 * with the format and page count; rejects with a {@link DocumentError} whose code says why
 * (`UNSUPPORTED_FORMAT`, `UNREADABLE`, `ENCRYPTED`, `TOO_MANY_PAGES`, `IMAGE_TOO_LARGE`, …).
 *
 * @example
 * const { format, pages } = await inspectDocument(await readFile(tempPath), { pool, limits: { maxPages: 50 } });
 */
export async function inspectDocument(bytes: Buffer, options: InspectOptions): Promise<InspectedDocument> {
  const limits = resolveLimits(options.limits);
  // Checked here as well as in the worker, so an oversized file is not copied to a thread first.
  checkFileSize(bytes.length, limits.maxFileBytes);
  const output = await runConversion(options.pool, 'inspect', {
    bytes,
    pageSize: pageSizeOption(options.pageSize),
    limits,
  });
  return { format: output.format, mimeType: SOURCE_FORMAT_MIME_TYPES[output.format], pages: output.pages };
}
