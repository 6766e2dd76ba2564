import { pageSizeOption, type ConversionOptions, type ConvertedDocument } from '../conversion.types';
import { DocumentError } from '../document.error';
import { resolveLimits } from '../limits/document-limits';
import type { FaxResolution, PageSize } from '../page-size';
import { runConversion, type ConversionPool } from '../pool/conversion-pool';
import type { Halftone } from '../raster/bilevel';
import { isFaxCompression, type FaxCompression } from '../tiff/fax-page.encoder';
import { joinFaxTiffSegments } from '../tiff/fax-tiff.writer';
import type { RenderFaxTiffOutput } from './render-fax-tiff.task';

/** Options of {@link renderFaxTiff}. */
export interface RenderFaxTiffOptions extends ConversionOptions {
  /** `fine` 204 × 196 dpi (default) or `standard` 204 × 98 dpi. */
  resolution?: FaxResolution;
  /** The fax page each PDF page is fitted into. Default `letter`. */
  pageSize?: PageSize;
  /**
   * `threshold` (default): greys darker than about 37 % print black; crisp text, small pages.
   * `dither`: error diffusion, for photographs; pages get 10–20× larger and slower to send.
   */
  halftone?: Halftone;
  /**
   * `g4` (default): CCITT T.6, the smallest pages. `g3`: T.4 1-D (Modified Huffman) with
   * byte-aligned EOLs, which every fax reader takes. `g3-2d`: T.4 2-D (Modified READ).
   */
  compression?: FaxCompression;
}

/**
 * Renders a PDF as a fax: a multi-page TIFF, one page per PDF page, 1728 pixels wide, 1 bit per
 * pixel, CCITT G4 (compression 4) or G3 (compression 3), X/Y resolution 204 × 196 or 204 × 98
 * dpi, page height of Letter (2156 / 1078 rows) or A4 (2292 / 1146 rows). Each PDF page is scaled
 * to fit, centred, landscape pages turned to portrait. The pages are shared out over the pool's
 * workers in equal runs, so one long document is converted on every core; a failure of any run
 * fails the whole conversion.
 *
 * @example
 * const { bytes, pages } = await renderFaxTiff(pdf, { pool, resolution: 'standard' });
 */
export async function renderFaxTiff(pdf: Buffer, options: RenderFaxTiffOptions): Promise<ConvertedDocument> {
  const resolution = options.resolution ?? 'fine';
  const halftone = options.halftone ?? 'threshold';
  const compression = options.compression ?? 'g4';
  if (resolution !== 'fine' && resolution !== 'standard') throw new DocumentError('INVALID_ARGUMENT', 'resolution must be fine or standard');
  if (halftone !== 'threshold' && halftone !== 'dither') throw new DocumentError('INVALID_ARGUMENT', 'halftone must be threshold or dither');
  if (!isFaxCompression(compression)) throw new DocumentError('INVALID_ARGUMENT', 'compression must be g4, g3 or g3-2d');
  const input = { pdf, pageSize: pageSizeOption(options.pageSize), resolution, halftone, compression, limits: resolveLimits(options.limits) };
  // One task per worker, each rendering an equal run of the pages, so a long fax uses every core;
  // the coded runs are then joined in page order without coding anything again.
  const count = partsFor(options.pool);
  const settled = await Promise.allSettled(Array.from({ length: count }, (_, index) => runConversion(options.pool, 'render-fax-tiff', { ...input, part: { index, count } })));
  const failed = settled.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  // Every part checks the whole document when it opens it, so they fail alike; the earliest part's
  // reason names the earliest failing page.
  if (failed !== undefined) throw failed.reason;
  const parts = settled.map((result) => (result as PromiseFulfilledResult<RenderFaxTiffOutput>).value);
  const pages = parts[0].totalPages;
  if (parts.some((part) => part.totalPages !== pages) || parts.reduce((sum, part) => sum + part.pages, 0) !== pages) {
    throw new DocumentError('CONVERSION_FAILED', 'The conversion failed: the parts of the document did not add up to its pages.');
  }
  return { bytes: joinFaxTiffSegments(parts), pages };
}

function partsFor(pool: ConversionPool | undefined): number {
  const size = pool?.size;
  return typeof size === 'number' && Number.isInteger(size) && size > 1 ? size : 1;
}
