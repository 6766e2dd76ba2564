import { DocumentError } from '../document.error';
import { allocate } from './pdfium-document';
import type { PdfiumModule } from './pdfium';

/** `grey`: one byte per pixel. `rgba`: four, in R, G, B, A order. */
export type PdfiumPixelFormat = 'grey' | 'rgba';

// FPDFBitmap_* formats (fpdfview.h); rgba is BGRA drawn with FPDF_REVERSE_BYTE_ORDER.
const FORMATS: Record<PdfiumPixelFormat, { code: number; bytesPerPixel: number }> = {
  grey: { code: 1, bytesPerPixel: 1 },
  rgba: { code: 4, bytesPerPixel: 4 },
};
const OPAQUE_WHITE = 0xffffffff;

/**
 * A bitmap in PDFium's heap to render pages into, reused page after page. Rows are packed
 * (stride = width × bytes per pixel). Holds PDFium memory: {@link PdfiumBitmap.destroy} it.
 */
export class PdfiumBitmap {
  private destroyed = false;

  private constructor(
    private readonly pdfium: PdfiumModule,
    readonly handle: number,
    private readonly buffer: number,
    readonly width: number,
    readonly height: number,
    readonly format: PdfiumPixelFormat,
  ) {}

  static create(pdfium: PdfiumModule, width: number, height: number, format: PdfiumPixelFormat): PdfiumBitmap {
    const { code, bytesPerPixel } = FORMATS[format];
    const buffer = allocate(pdfium, width * height * bytesPerPixel);
    const handle = pdfium._FPDFBitmap_CreateEx(width, height, code, buffer, width * bytesPerPixel);
    if (handle === 0) {
      pdfium._free(buffer);
      throw new DocumentError('CONVERSION_FAILED', 'The PDF renderer could not create a page bitmap.');
    }
    return new PdfiumBitmap(pdfium, handle, buffer, width, height, format);
  }

  /** Paints the whole bitmap opaque white. */
  fillWhite(): void {
    this.pdfium._FPDFBitmap_FillRect(this.handle, 0, 0, this.width, this.height, OPAQUE_WHITE);
  }

  /**
   * The pixels, read in place from PDFium's heap: valid until the next call into PDFium (which may
   * grow its memory and move the heap). Copy them to keep them longer.
   */
  pixels(): Uint8Array {
    return this.pdfium.HEAPU8.subarray(this.buffer, this.buffer + this.width * this.height * FORMATS[this.format].bytesPerPixel);
  }

  /** Frees the bitmap and its pixels. Safe to call twice. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.pdfium._FPDFBitmap_Destroy(this.handle);
    this.pdfium._free(this.buffer);
  }
}
