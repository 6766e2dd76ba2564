import { asBuffer, pageSizeOption, type ConversionOptions, type ConvertedDocument } from '../conversion.types';
import { resolveLimits } from '../limits/document-limits';
import type { PageSize } from '../page-size';
import { runConversion } from '../pool/conversion-pool';

/** Options of {@link imageToPdf}. */
export interface ImageToPdfOptions extends ConversionOptions {
  /** Default `letter`. */
  pageSize?: PageSize;
}

/**
 * Puts a PNG, JPEG or TIFF (every page of a multi-page TIFF) in a PDF, one image per page, each
 * fitted to the page with its aspect ratio kept (landscape pages for wide images) and turned
 * upright by its EXIF orientation. Pictures are kept at up to 300 dpi on the page.
 *
 * @example
 * const { bytes } = await imageToPdf(await readFile('scan.jpg'), { pool });
 */
export async function imageToPdf(image: Buffer, options: ImageToPdfOptions): Promise<ConvertedDocument> {
  const output = await runConversion(options.pool, 'image-to-pdf', {
    image,
    formats: ['png', 'jpeg', 'tiff'],
    pageSize: pageSizeOption(options.pageSize),
    layout: 'fit',
    limits: resolveLimits(options.limits),
  });
  return { bytes: asBuffer(output.bytes), pages: output.pages };
}
