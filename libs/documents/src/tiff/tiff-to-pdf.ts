import { asBuffer, pageSizeOption, type ConversionOptions, type ConvertedDocument } from '../conversion.types';
import { resolveLimits } from '../limits/document-limits';
import type { PageSize } from '../page-size';
import { runConversion } from '../pool/conversion-pool';

/** Options of {@link tiffToPdf}. */
export interface TiffToPdfOptions extends ConversionOptions {
  /** Page size for pages whose TIFF states no usable resolution. Default `letter`. */
  pageSize?: PageSize;
}

/**
 * Turns a received fax (a TIFF from Asterisk or another SIP engine: G3 or G4, fine or standard
 * resolution) into a PDF with one page per TIFF page. Each page keeps the physical size its
 * resolution gives (1728 px at 204 dpi is 8.47 in wide), so standard-resolution pages are not
 * squashed; black-and-white pages are stored losslessly as 1-bit images.
 *
 * @example
 * const { bytes, pages } = await tiffToPdf(receivedTiff, { pool });
 */
export async function tiffToPdf(tiff: Buffer, options: TiffToPdfOptions): Promise<ConvertedDocument> {
  const output = await runConversion(options.pool, 'image-to-pdf', {
    image: tiff,
    formats: ['tiff'],
    pageSize: pageSizeOption(options.pageSize),
    layout: 'physical',
    limits: resolveLimits(options.limits),
  });
  return { bytes: asBuffer(output.bytes), pages: output.pages };
}
