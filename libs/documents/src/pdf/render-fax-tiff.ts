import { asBuffer, pageSizeOption, type ConversionOptions, type ConvertedDocument } from '../conversion.types';
import { DocumentError } from '../document.error';
import { resolveLimits } from '../limits/document-limits';
import type { FaxResolution, PageSize } from '../page-size';
import { runConversion } from '../pool/conversion-pool';
import type { Halftone } from '../raster/bilevel';
import { isFaxCompression, type FaxCompression } from '../tiff/fax-page.encoder';

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
 * to fit, centred, landscape pages turned to portrait.
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
  const output = await runConversion(options.pool, 'render-fax-tiff', {
    pdf,
    pageSize: pageSizeOption(options.pageSize),
    resolution,
    halftone,
    compression,
    limits: resolveLimits(options.limits),
  });
  return { bytes: asBuffer(output.bytes), pages: output.pages };
}
