import type { DocumentLimits } from '../limits/document-limits';
import { faxPageGeometry, type FaxResolution, type PageSize } from '../page-size';
import { toPackedBilevel, type Halftone } from '../raster/bilevel';
import { thresholdedGreyRows } from '../raster/grey-changing-elements';
import { encodeFaxPage, encodeFaxRows, type FaxCompression } from '../tiff/fax-page.encoder';
import { writeFaxTiff, type FaxTiffPage } from '../tiff/fax-tiff.writer';
import { usePdfium } from './pdfium';
import { PdfiumBitmap } from './pdfium-bitmap';
import { PdfiumDocument } from './pdfium-document';
import { renderPdfiumPage } from './pdfium-render-page';

/** Input of the `render-fax-tiff` worker task. */
export interface RenderFaxTiffInput {
  pdf: Uint8Array;
  pageSize: PageSize;
  resolution: FaxResolution;
  halftone: Halftone;
  compression: FaxCompression;
  limits: DocumentLimits;
}

/**
 * Renders every page of a PDF with PDFium into one reused 8-bit grey bitmap at the fax raster,
 * codes it with our own CCITT coder (thresholded while coding, or dithered into packed rows first)
 * and writes one multi-page G4 or G3 TIFF. Pages are rendered and coded one at a time, so memory
 * stays at one page's raster whatever the page count. Every PDFium object is freed on every path.
 */
export function renderFaxTiffTask(input: RenderFaxTiffInput): Promise<{ bytes: Uint8Array; pages: number }> {
  return usePdfium((pdfium) => {
    const box = faxPageGeometry(input.pageSize, input.resolution);
    const document = PdfiumDocument.open(pdfium, input.pdf, input.limits);
    let bitmap: PdfiumBitmap | undefined;
    try {
      bitmap = PdfiumBitmap.create(pdfium, box.width, box.height, 'grey');
      const pages: FaxTiffPage[] = [];
      for (let index = 0; index < document.pageCount; index++) {
        renderPdfiumPage(document, index, bitmap, box, input.limits.maxImagePixels);
        // The grey pixels are read in place and coded before PDFium runs again. A threshold is coded
        // straight from the grey bytes; dithering needs the whole page packed first.
        const grey = bitmap.pixels();
        pages.push(
          input.halftone === 'threshold'
            ? encodeFaxRows(thresholdedGreyRows(grey, box.width, box.height), input.compression, box.yDpi)
            : encodeFaxPage(toPackedBilevel(grey, box.width, box.height, input.halftone), input.compression, box.yDpi),
        );
      }
      return { bytes: writeFaxTiff(pages, box), pages: pages.length };
    } finally {
      bitmap?.destroy();
      document.close();
    }
  });
}
