import { asBuffer, pageSizeOption, type ConversionOptions, type ConvertedDocument } from '../conversion.types';
import { resolveLimits } from '../limits/document-limits';
import { checkFileSize } from '../limits/file-size.limit';
import type { PageSize } from '../page-size';
import { runConversion } from '../pool/conversion-pool';
import type { SourceFormat } from './detect-source-format';

/** Options of {@link documentToPdf}. */
export interface DocumentToPdfOptions extends ConversionOptions {
  /** Page size for text and images. Default `letter`. */
  pageSize?: PageSize;
}

/**
 * Any accepted file as a PDF, in one step: checks it as {@link inspectDocument} does, then returns
 * a PDF unchanged and converts text ({@link textToPdf}) and images ({@link imageToPdf}).
 *
 * @example
 * const { bytes, pages, format } = await documentToPdf(upload, { pool, pageSize: config.faxPageSize });
 */
export async function documentToPdf(bytes: Buffer, options: DocumentToPdfOptions): Promise<ConvertedDocument & { format: SourceFormat }> {
  const limits = resolveLimits(options.limits);
  // Checked here as well as in the worker, so an oversized file is not copied to a thread first.
  checkFileSize(bytes.length, limits.maxFileBytes);
  const output = await runConversion(options.pool, 'document-to-pdf', {
    bytes,
    pageSize: pageSizeOption(options.pageSize),
    limits,
  });
  return { bytes: asBuffer(output.bytes), pages: output.pages, format: output.format };
}
