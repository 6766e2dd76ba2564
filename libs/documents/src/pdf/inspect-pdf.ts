import { DocumentError } from '../document.error';
import type { DocumentLimits } from '../limits/document-limits';
import { openPdf } from './pdfjs';
import { usePdfium } from './pdfium';
import { PdfiumDocument } from './pdfium-document';
import { assertPageImagesWithin } from './pdfium-image-limit';

/**
 * The intake check of a PDF, returning its page count. pdf.js opens it (see `openPdf`) and loads
 * every page to check the page tree; then PDFium, the engine that will draw the fax, opens it and
 * loads every page with its image-size check. So a document accepted here is one PDFium can draw:
 * a file the two engines repair differently, or a page with an image over the pixel limit, is
 * refused at upload rather than failing its fax later. The count is PDFium's, the pages that will
 * be sent.
 */
export async function inspectPdf(bytes: Uint8Array, limits: DocumentLimits): Promise<number> {
  await inspectWithPdfJs(bytes, limits);
  return usePdfium((pdfium) => {
    const document = PdfiumDocument.open(pdfium, bytes, limits);
    try {
      for (let index = 0; index < document.pageCount; index++) {
        const page = document.loadPage(index);
        try {
          assertPageImagesWithin(pdfium, page, index + 1, limits.maxImagePixels);
        } finally {
          pdfium._FPDF_ClosePage(page);
        }
      }
      return document.pageCount;
    } finally {
      document.close();
    }
  });
}

async function inspectWithPdfJs(bytes: Uint8Array, limits: DocumentLimits): Promise<void> {
  const document = await openPdf(bytes, limits);
  try {
    for (let number = 1; number <= document.numPages; number++) {
      try {
        const page = await document.getPage(number);
        page.cleanup();
      } catch (error) {
        throw new DocumentError('UNREADABLE', `The PDF is damaged: page ${number} cannot be read.`, { cause: error });
      }
    }
  } finally {
    await document.destroy();
  }
}
