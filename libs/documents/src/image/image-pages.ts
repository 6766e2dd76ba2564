import sharp from 'sharp';
import { DocumentError } from '../document.error';
import type { DocumentLimits } from '../limits/document-limits';
import { formatMegapixels } from '../pdf/pdfjs-warnings';
import { readTiffPages } from '../tiff/tiff-ifd.reader';

/** Image formats the gateway converts to PDF. */
export type ImageFormat = 'png' | 'jpeg' | 'tiff';

/** One page of an image file, upright (EXIF or TIFF orientation applied). */
export interface ImagePage {
  /** Page (TIFF directory) number, from 0. */
  index: number;
  width: number;
  height: number;
  /** Resolution when the file states one; fax TIFFs have unequal X and Y. */
  xDpi: number | undefined;
  yDpi: number | undefined;
  /** One bit per pixel (a fax page or a black-and-white scan). */
  bilevel: boolean;
}

/**
 * Lists an image's pages from its headers, without decoding: refuses more pages than `maxPages`
 * and any page over `maxImagePixels` (a decompression bomb is a few kilobytes that decode to
 * gigabytes), and `UNREADABLE` headers.
 */
export async function readImagePages(bytes: Buffer, format: ImageFormat, limits: DocumentLimits): Promise<ImagePage[]> {
  const pages = format === 'tiff' ? tiffPages(bytes, limits) : [await singleImagePage(bytes, format)];
  for (const page of pages) {
    if (page.width * page.height > limits.maxImagePixels) {
      throw new DocumentError(
        'IMAGE_TOO_LARGE',
        `The image is ${page.width} × ${page.height} pixels; at most ${formatMegapixels(limits.maxImagePixels)} megapixels are accepted.`,
      );
    }
  }
  return pages;
}

/**
 * Decodes every page once (at a small size, so it is cheap) to find damage the headers do not
 * show, such as a file cut short: `UNREADABLE`.
 */
export async function assertImageDecodes(bytes: Buffer, pages: ImagePage[], limits: DocumentLimits): Promise<void> {
  for (const page of pages) {
    await openImage(bytes, page, limits)
      .resize(64, 64, { fit: 'inside' })
      .raw()
      .toBuffer()
      .catch((error: unknown) => {
        throw imageError(error, limits);
      });
  }
}

/** A sharp pipeline for one page, strict about truncated data and capped at `maxImagePixels`. */
export function openImage(bytes: Buffer, page: ImagePage, limits: DocumentLimits): sharp.Sharp {
  return sharp(bytes, { page: page.index, failOn: 'truncated', limitInputPixels: limits.maxImagePixels }).rotate();
}

/** Maps a sharp failure to `IMAGE_TOO_LARGE` or `UNREADABLE`. */
export function imageError(error: unknown, limits: DocumentLimits): DocumentError {
  if (DocumentError.is(error)) return error;
  if (error instanceof Error && /pixel limit/i.test(error.message)) {
    return new DocumentError('IMAGE_TOO_LARGE', `The image has more than ${formatMegapixels(limits.maxImagePixels)} megapixels, the most accepted.`, {
      cause: error,
    });
  }
  return new DocumentError('UNREADABLE', 'The image is damaged or incomplete and cannot be read.', { cause: error });
}

function tiffPages(bytes: Buffer, limits: DocumentLimits): ImagePage[] {
  return readTiffPages(bytes, limits.maxPages).map((page, index) => {
    const perInch = page.resolutionUnit === 3 ? 2.54 : page.resolutionUnit === 2 ? 1 : undefined;
    const xDpi = perInch === undefined || page.xResolution === undefined ? undefined : page.xResolution * perInch;
    const yDpi = perInch === undefined || page.yResolution === undefined ? undefined : page.yResolution * perInch;
    const turned = page.orientation >= 5 && page.orientation <= 8;
    return {
      index,
      width: turned ? page.height : page.width,
      height: turned ? page.width : page.height,
      xDpi: turned ? yDpi : xDpi,
      yDpi: turned ? xDpi : yDpi,
      bilevel: page.bitsPerSample === 1 && page.samplesPerPixel === 1,
    };
  });
}

async function singleImagePage(bytes: Buffer, format: ImageFormat): Promise<ImagePage> {
  let metadata: sharp.Metadata;
  try {
    metadata = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch (error) {
    throw new DocumentError('UNREADABLE', 'The image is damaged and cannot be read.', { cause: error });
  }
  if (metadata.format !== format || !metadata.width || !metadata.height) {
    throw new DocumentError('UNREADABLE', 'The image is damaged and cannot be read.');
  }
  // EXIF orientations 5–8 turn the picture a quarter: it is displayed (and faxed) the other way.
  const turned = (metadata.orientation ?? 1) >= 5;
  const dpi = metadata.density !== undefined && metadata.density > 0 ? metadata.density : undefined;
  return {
    index: 0,
    width: turned ? metadata.height : metadata.width,
    height: turned ? metadata.width : metadata.height,
    xDpi: dpi,
    yDpi: dpi,
    bilevel: false,
  };
}
