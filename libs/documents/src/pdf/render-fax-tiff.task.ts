import type { DocumentLimits } from '../limits/document-limits';
import { faxPageGeometry, type FaxResolution, type PageSize } from '../page-size';
import { toPackedBilevel, type Halftone } from '../raster/bilevel';
import { encodeFaxPage, type FaxCompression } from '../tiff/fax-page.encoder';
import { writeFaxTiffSegment, type FaxTiffPage, type FaxTiffSegment } from '../tiff/fax-tiff.writer';
import { usePdfium } from './pdfium';
import { PdfiumBitmap } from './pdfium-bitmap';
import { PdfiumDocument } from './pdfium-document';
import { PdfiumGreyCoder } from './pdfium-grey-coder';
import { renderPdfiumPage } from './pdfium-render-page';

/** Which share of the pages one task renders: part `index` (from 0) of `count` equal runs of pages. */
export interface PagePart {
  index: number;
  count: number;
}

/** Input of the `render-fax-tiff` worker task. */
export interface RenderFaxTiffInput {
  pdf: Uint8Array;
  pageSize: PageSize;
  resolution: FaxResolution;
  halftone: Halftone;
  compression: FaxCompression;
  limits: DocumentLimits;
  part: PagePart;
}

/** Output of the `render-fax-tiff` worker task: its pages as a TIFF segment, and the document's page count. */
export type RenderFaxTiffOutput = FaxTiffSegment & { totalPages: number };

/** The pages (from 0, end excluded) that part `part` of a `pageCount`-page document renders. */
export function pagesOfPart(part: PagePart, pageCount: number): { start: number; end: number } {
  return { start: Math.floor((part.index * pageCount) / part.count), end: Math.floor(((part.index + 1) * pageCount) / part.count) };
}

/**
 * Renders one part of a PDF's pages with PDFium into one reused 8-bit grey bitmap at the fax
 * raster, codes each with our own CCITT coder (thresholded while coding, or dithered into packed
 * rows first) and writes them as a TIFF segment, numbered as pages of the whole document, for the
 * caller to join with the other parts. Pages are rendered and coded one at a time, so memory stays
 * at one page's raster whatever the page count. Every PDFium object is freed on every path.
 */
export function renderFaxTiffTask(input: RenderFaxTiffInput): Promise<RenderFaxTiffOutput> {
  return usePdfium((pdfium) => {
    const box = faxPageGeometry(input.pageSize, input.resolution);
    const document = PdfiumDocument.open(pdfium, input.pdf, input.limits);
    let bitmap: PdfiumBitmap | undefined;
    let coder: PdfiumGreyCoder | undefined;
    try {
      const { start, end } = pagesOfPart(input.part, document.pageCount);
      const pages: FaxTiffPage[] = [];
      if (end > start) {
        bitmap = PdfiumBitmap.create(pdfium, box.width, box.height, 'grey');
        coder = PdfiumGreyCoder.create(pdfium, box.width, box.height);
      }
      for (let index = start; index < end && bitmap !== undefined && coder !== undefined; index++) {
        renderPdfiumPage(document, index, bitmap, box, input.limits.maxImagePixels);
        // The grey pixels are read in place and coded before PDFium runs again. A threshold is coded
        // straight from the grey bytes (in WebAssembly with SIMD); dithering needs the page packed first.
        const grey = bitmap.pixels();
        pages.push(
          input.halftone === 'threshold'
            ? coder.encode(grey, box.width, box.height, input.compression, box.yDpi)
            : encodeFaxPage(toPackedBilevel(grey, box.width, box.height, input.halftone), input.compression, box.yDpi),
        );
      }
      const segment = writeFaxTiffSegment(pages, box, { first: start, total: document.pageCount });
      return { ...segment, totalPages: document.pageCount };
    } finally {
      coder?.destroy();
      bitmap?.destroy();
      document.close();
    }
  });
}
