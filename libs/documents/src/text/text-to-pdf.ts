import { asBuffer, pageSizeOption, type ConversionOptions, type ConvertedDocument } from '../conversion.types';
import { resolveLimits } from '../limits/document-limits';
import type { PageSize } from '../page-size';
import { runConversion } from '../pool/conversion-pool';

/** Options of {@link textToPdf}. */
export interface TextToPdfOptions extends ConversionOptions {
  /** Default `letter`. */
  pageSize?: PageSize;
}

/**
 * Sets a plain text as a PDF for faxing: DejaVu Sans Mono (embedded) on 12 pt lines in 6 pt
 * columns, 0.75 in margins (84 columns × 57 lines on Letter, 81 × 61 on A4), tabs every 8
 * columns, long lines wrapped at a space and words longer than a line split, a form feed
 * starting a new page. Nothing is cut. The font covers Latin, Greek, Cyrillic, Armenian,
 * Georgian and common symbols; characters it lacks, and right-to-left scripts, are refused with
 * `UNSUPPORTED_CHARACTERS` rather than replaced.
 *
 * @param text UTF-8 bytes (checked as for intake) or a string.
 * @example
 * const { bytes, pages } = await textToPdf(Buffer.from('Hello\nfax'), { pool, pageSize: 'a4' });
 */
export async function textToPdf(text: Buffer | string, options: TextToPdfOptions): Promise<ConvertedDocument> {
  const output = await runConversion(options.pool, 'text-to-pdf', {
    text,
    pageSize: pageSizeOption(options.pageSize),
    limits: resolveLimits(options.limits),
  });
  return { bytes: asBuffer(output.bytes), pages: output.pages };
}
