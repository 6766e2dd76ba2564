import type { PdfiumBitmap } from './pdfium-bitmap';
import type { PdfiumDocument } from './pdfium-document';
import { assertPageImagesWithin } from './pdfium-image-limit';

/** A raster to draw a page into: its size in pixels and its (possibly unequal) resolutions. */
export interface RasterBox {
  width: number;
  height: number;
  xDpi: number;
  yDpi: number;
}

// FPDF_RenderPageBitmap flags (fpdfview.h).
const FPDF_ANNOT = 0x01;
const FPDF_GRAYSCALE = 0x08;
const FPDF_REVERSE_BYTE_ORDER = 0x10;
const FPDF_PRINTING = 0x800;
const FPDF_RENDER_NO_SMOOTHTEXT = 0x1000;
// On the fax raster (grey) text is drawn without anti-aliasing, as Ghostscript's fax devices and fax machines draw it: on a
// dense text page that saves about 30 % of PDFium's time, and the glyphs keep at least the ink
// Ghostscript gives them (Courier 10 pt: 64 000 black pixels against its 56 000; anti-aliased and
// thresholded, 74 000). Paths and images stay anti-aliased: without it hairlines and rules lose
// 13 % of their pixels against Ghostscript's. Thumbnails (rgba) are for screens and keep it all.
// Measured in ADR 0007.
const FLAGS = {
  grey: FPDF_ANNOT | FPDF_PRINTING | FPDF_GRAYSCALE | FPDF_RENDER_NO_SMOOTHTEXT,
  rgba: FPDF_ANNOT | FPDF_PRINTING | FPDF_REVERSE_BYTE_ORDER,
};
const QUARTER_TURN_CLOCKWISE = 1;

/**
 * Draws page `index` (from 0) of `document` into `bitmap` (sized to `box`) on white, as printed:
 * annotations, and filled-in form fields through the form-fill environment. The page is scaled to
 * fit the box with its aspect ratio kept and centred; a landscape page is turned a quarter
 * clockwise to portrait first, as a fax page is portrait. Unequal dpi (204 × 98) scale x and y
 * apart. Refuses a page with an image over `maxImagePixels` before drawing it (`IMAGE_TOO_LARGE`).
 * The pixels are then in `bitmap.pixels()`.
 */
export function renderPdfiumPage(document: PdfiumDocument, index: number, bitmap: PdfiumBitmap, box: RasterBox, maxImagePixels: number): void {
  const pdfium = document.pdfium;
  const page = document.loadPage(index);
  try {
    assertPageImagesWithin(pdfium, page, index + 1, maxImagePixels);
    // Width and height as displayed: the page's /Rotate is already applied.
    const width = pdfium._FPDF_GetPageWidthF(page);
    const height = pdfium._FPDF_GetPageHeightF(page);
    const turn = width > height;
    const [unitWidth, unitHeight] = turn ? [height, width] : [width, height];
    const fit = Math.min((box.width / box.xDpi) * 72 / unitWidth, (box.height / box.yDpi) * 72 / unitHeight);
    // PDFium maps the page onto this rectangle, stretching x and y independently: that is how the
    // vertical squeeze of standard resolution is applied. (FPDF_FFLDraw, which draws form fields,
    // takes only this rectangle, not a matrix, so FPDF_RenderPageBitmapWithMatrix is not used.)
    const drawnWidth = Math.max(1, Math.round((unitWidth * fit * box.xDpi) / 72));
    const drawnHeight = Math.max(1, Math.round((unitHeight * fit * box.yDpi) / 72));
    const left = Math.round((box.width - drawnWidth) / 2);
    const top = Math.round((box.height - drawnHeight) / 2);
    const rotate = turn ? QUARTER_TURN_CLOCKWISE : 0;
    const flags = FLAGS[bitmap.format];
    bitmap.fillWhite();
    if (document.form !== 0) pdfium._FORM_OnAfterLoadPage(page, document.form);
    pdfium._FPDF_RenderPageBitmap(bitmap.handle, page, left, top, drawnWidth, drawnHeight, rotate, flags);
    if (document.form !== 0) {
      // The second pass draws the form fields; without FPDF_ANNOT popups are not drawn again.
      pdfium._FPDF_FFLDraw(document.form, bitmap.handle, page, left, top, drawnWidth, drawnHeight, rotate, flags & ~FPDF_ANNOT);
      pdfium._FORM_OnBeforeClosePage(page, document.form);
    }
  } finally {
    pdfium._FPDF_ClosePage(page);
  }
}
