import { DocumentError } from '../document.error';
import { allocate } from './pdfium-document';
import type { PdfiumModule } from './pdfium';
import { formatMegapixels } from './pdfjs-warnings';

// FPDFPageObj_GetType values (fpdf_edit.h).
const IMAGE_OBJECT = 3;
const FORM_OBJECT = 5;
// Form XObjects nest; deeper nesting than this is refused rather than followed.
const MAX_FORM_DEPTH = 32;

/**
 * Refuses a page holding an image of more than `maxImagePixels` pixels with `IMAGE_TOO_LARGE`,
 * before anything is decoded: the guard against decompression bombs (a few kilobytes that decode
 * to gigabytes). Reads the declared size of every image on the page, inside form XObjects too.
 */
export function assertPageImagesWithin(pdfium: PdfiumModule, page: number, pageNumber: number, maxImagePixels: number): void {
  const size = allocate(pdfium, 8);
  try {
    const count = pdfium._FPDFPage_CountObjects(page);
    for (let index = 0; index < count; index++) {
      checkObject(pdfium, pdfium._FPDFPage_GetObject(page, index), size, pageNumber, maxImagePixels, 0);
    }
  } finally {
    pdfium._free(size);
  }
}

function checkObject(pdfium: PdfiumModule, object: number, size: number, pageNumber: number, maxImagePixels: number, depth: number): void {
  const type = pdfium._FPDFPageObj_GetType(object);
  if (type === IMAGE_OBJECT) {
    if (pdfium._FPDFImageObj_GetImagePixelSize(object, size, size + 4) === 0) return;
    const words = new Uint32Array(pdfium.HEAPU8.buffer, size, 2);
    if (words[0] * words[1] > maxImagePixels) throw tooLarge(pageNumber, maxImagePixels);
  } else if (type === FORM_OBJECT) {
    if (depth >= MAX_FORM_DEPTH) throw new DocumentError('UNREADABLE', `The PDF is damaged: page ${pageNumber} nests its content too deeply.`);
    const count = pdfium._FPDFFormObj_CountObjects(object);
    for (let index = 0; index < count; index++) {
      checkObject(pdfium, pdfium._FPDFFormObj_GetObject(object, index), size, pageNumber, maxImagePixels, depth + 1);
    }
  }
}

function tooLarge(pageNumber: number, maxImagePixels: number): DocumentError {
  return new DocumentError(
    'IMAGE_TOO_LARGE',
    `Page ${pageNumber} of the PDF holds an image of more than ${formatMegapixels(maxImagePixels)} megapixels, the most accepted.`,
  );
}
