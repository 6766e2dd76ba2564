import { DocumentError } from '../document.error';
import { requireSourceFormat } from '../intake/detect-source-format';
import type { DocumentLimits } from '../limits/document-limits';
import { checkFileSize } from '../limits/file-size.limit';
import { PAGE_SIZES_PT, type PageSize } from '../page-size';
import { writePdf } from '../pdf/write-pdf';
import { imageError, openImage, readImagePages, type ImageFormat, type ImagePage } from './image-pages';

/** How image pages become PDF pages. */
export type ImageLayout =
  /** Each image fills a `pageSize` page (landscape for wide images), aspect ratio kept, centred. */
  | 'fit'
  /** Each page keeps the physical size its resolution gives (a fax page stays a fax page). */
  | 'physical';

/** Input of the `image-to-pdf` worker task. */
export interface ImageToPdfInput {
  image: Uint8Array;
  /** The formats accepted; others are refused with `UNSUPPORTED_FORMAT`. */
  formats: readonly ImageFormat[];
  pageSize: PageSize;
  layout: ImageLayout;
  limits: DocumentLimits;
}

// Embedded pictures are kept at up to 300 dpi on the page: more than any fax resolution needs.
const MAX_EMBED_DPI = 300;
// 'physical' trusts a stated resolution only when it gives a page of a plausible size.
const MIN_PAGE_IN = 1;
const MAX_PAGE_IN = 50;

/** Puts each page of a PNG, JPEG or (multi-page) TIFF on a PDF page. */
export async function imageToPdfTask(input: ImageToPdfInput): Promise<{ bytes: Uint8Array; pages: number }> {
  const image = Buffer.from(input.image.buffer, input.image.byteOffset, input.image.byteLength);
  checkFileSize(image.length, input.limits.maxFileBytes);
  const format = requireSourceFormat(image);
  if (!(input.formats as readonly string[]).includes(format)) {
    throw new DocumentError('UNSUPPORTED_FORMAT', `The file is not ${input.formats.map((name) => name.toUpperCase()).join(', ').replace(/, ([^,]+)$/, ' or $1')}.`);
  }
  const pages = await readImagePages(image, format as ImageFormat, input.limits);
  // One page is decoded and re-encoded at a time, so a long TIFF never sits in memory decoded.
  const bytes = await writePdf(async (document) => {
    for (const page of pages) {
      const size = pageSizeFor(page, input.layout, input.pageSize);
      const data = await embeddable(image, format === 'jpeg', page, size, input.limits);
      document.addPage({ size, margin: 0 });
      const box = fitInto(physicalAspect(page), size);
      document.image(data, box.x, box.y, { width: box.width, height: box.height });
    }
  });
  return { bytes, pages: pages.length };
}

function pageSizeFor(page: ImagePage, layout: ImageLayout, pageSize: PageSize): [number, number] {
  if (layout === 'physical' && page.xDpi !== undefined && page.yDpi !== undefined) {
    const widthIn = page.width / page.xDpi;
    const heightIn = page.height / page.yDpi;
    if ([widthIn, heightIn].every((inches) => inches >= MIN_PAGE_IN && inches <= MAX_PAGE_IN)) return [widthIn * 72, heightIn * 72];
  }
  const { width, height } = PAGE_SIZES_PT[pageSize];
  return physicalAspect(page) > 1 ? [height, width] : [width, height];
}

/** Width over height as printed: a standard-resolution fax page (204 × 98 dpi) is twice as tall as its pixels suggest. */
export function physicalAspect(page: ImagePage): number {
  const ratio = page.xDpi !== undefined && page.yDpi !== undefined ? page.yDpi / page.xDpi : 1;
  return (page.width / page.height) * ratio;
}

/** The largest box of `aspect` (width over height) that fits `[width, height]`, centred in it. */
export function fitInto(aspect: number, [width, height]: [number, number]): { x: number; y: number; width: number; height: number } {
  const fitted = aspect > width / height ? { width, height: width / aspect } : { width: height * aspect, height };
  return { x: (width - fitted.width) / 2, y: (height - fitted.height) / 2, ...fitted };
}

/**
 * Re-encodes one image page for pdfkit, to be drawn fitted into `size` (points): upright, flattened
 * on white, at most 300 dpi on the page. Photos stay JPEG; lossless sources become PNG (1-bit
 * palette for black-and-white pages).
 */
export async function embeddable(image: Buffer, photo: boolean, page: ImagePage, size: [number, number], limits: DocumentLimits): Promise<Buffer> {
  const box = fitInto(physicalAspect(page), size);
  const maxWidth = Math.max(1, Math.round((box.width / 72) * MAX_EMBED_DPI));
  const maxHeight = Math.max(1, Math.round((box.height / 72) * MAX_EMBED_DPI));
  try {
    let pipeline = openImage(image, page, limits);
    // Width and height are capped separately: pdfkit stretches the picture to the box anyway,
    // which is also how unequal fax resolutions come out right.
    if (page.width > maxWidth || page.height > maxHeight) {
      pipeline = pipeline.resize(Math.min(page.width, maxWidth), Math.min(page.height, maxHeight), { fit: 'fill' });
    }
    pipeline = pipeline.flatten({ background: '#ffffff' });
    if (photo) return await pipeline.jpeg({ quality: 90 }).toBuffer();
    if (page.bilevel) return await pipeline.toColourspace('b-w').png({ palette: true, colours: 2, dither: 0 }).toBuffer();
    return await pipeline.toColourspace('srgb').png().toBuffer();
  } catch (error) {
    throw imageError(error, limits);
  }
}
