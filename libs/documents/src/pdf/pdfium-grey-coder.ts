import { thresholdedGreyRows } from '../raster/grey-changing-elements';
import { SimdGreyCoder } from '../raster/simd-grey-coder';
import { encodeFaxRows, g4FaxPage, type FaxCompression } from '../tiff/fax-page.encoder';
import type { FaxTiffPage } from '../tiff/fax-tiff.writer';
import { pdfiumMemory, type PdfiumModule } from './pdfium';
import { allocate } from './pdfium-document';

/**
 * Codes pages PDFium drew into a grey bitmap, thresholded, as fax pages: with WebAssembly SIMD
 * straight in PDFium's heap where the runtime allows it (all of G4; finding the changes of each
 * row for G3), in JavaScript otherwise. Either way the bytes are the same. Holds scratch memory in
 * PDFium's heap (about twice a packed page): destroy it.
 */
export class PdfiumGreyCoder {
  private destroyed = false;

  private constructor(
    private readonly pdfium: PdfiumModule,
    private readonly scratch: number,
    private readonly simd: SimdGreyCoder | undefined,
  ) {}

  /** For pages of `width` × `height` pixels. */
  static create(pdfium: PdfiumModule, width: number, height: number): PdfiumGreyCoder {
    const memory = pdfiumMemory(pdfium);
    if (memory === undefined) return new PdfiumGreyCoder(pdfium, 0, undefined);
    const scratch = allocate(pdfium, SimdGreyCoder.scratchBytes(width, height));
    return new PdfiumGreyCoder(pdfium, scratch, SimdGreyCoder.create(memory, scratch, width, height));
  }

  /** Whether pages are coded with SIMD. */
  get usesSimd(): boolean {
    return this.simd !== undefined;
  }

  /**
   * `grey` (from {@link PdfiumBitmap.pixels}, `width` × `height`) thresholded and coded as
   * `compression` asks; read in place, so call it before PDFium runs again.
   */
  encode(grey: Uint8Array, width: number, height: number, compression: FaxCompression, yDpi: number): FaxTiffPage {
    if (compression === 'g4') {
      const strip = this.simd?.encodeG4(grey, width, height);
      if (strip !== undefined) return g4FaxPage(strip, width, height);
    }
    return encodeFaxRows(this.simd?.rows(grey, width, height) ?? thresholdedGreyRows(grey, width, height), compression, yDpi);
  }

  /** Frees the scratch memory. Safe to call twice. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    if (this.scratch !== 0) this.pdfium._free(this.scratch);
  }
}
