import { asBuffer, type ConversionOptions, type Thumbnail } from '../conversion.types';
import { DocumentError } from '../document.error';
import { resolveLimits } from '../limits/document-limits';
import { runConversion } from '../pool/conversion-pool';

/** Options of {@link renderThumbnail}. */
export interface RenderThumbnailOptions extends ConversionOptions {
  /** Width in pixels, 16–2000. Default 200. */
  width?: number;
}

const MIN_WIDTH = 16;
const MAX_WIDTH = 2000;

/**
 * A PNG of page 1 of a PDF for the admin UI, `width` pixels wide, in colour, turned to portrait
 * like the fax page.
 *
 * @example
 * const { bytes } = await renderThumbnail(pdf, { pool, width: 240 });
 */
export async function renderThumbnail(pdf: Buffer, options: RenderThumbnailOptions): Promise<Thumbnail> {
  const width = options.width ?? 200;
  if (!Number.isInteger(width) || width < MIN_WIDTH || width > MAX_WIDTH) {
    throw new DocumentError('INVALID_ARGUMENT', `width must be an integer from ${MIN_WIDTH} to ${MAX_WIDTH}`);
  }
  const output = await runConversion(options.pool, 'render-thumbnail', { pdf, width, limits: resolveLimits(options.limits) });
  return { bytes: asBuffer(output.bytes), width: output.width, height: output.height };
}
