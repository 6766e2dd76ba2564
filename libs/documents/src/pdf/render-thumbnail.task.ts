import sharp from 'sharp';
import type { DocumentLimits } from '../limits/document-limits';
import { usePdfium } from './pdfium';
import { PdfiumBitmap } from './pdfium-bitmap';
import { PdfiumDocument } from './pdfium-document';
import { renderPdfiumPage } from './pdfium-render-page';

/** Input of the `render-thumbnail` worker task. */
export interface RenderThumbnailInput {
  pdf: Uint8Array;
  width: number;
  limits: DocumentLimits;
}

/** Renders page 1 of a PDF with PDFium, `width` pixels wide and as tall as its aspect ratio, to a PNG. */
export async function renderThumbnailTask(input: RenderThumbnailInput): Promise<{ bytes: Uint8Array; width: number; height: number }> {
  const rendered = await usePdfium((pdfium) => {
    const document = PdfiumDocument.open(pdfium, input.pdf, input.limits);
    let bitmap: PdfiumBitmap | undefined;
    try {
      const page = document.loadPage(0);
      const width = pdfium._FPDF_GetPageWidthF(page);
      const height = pdfium._FPDF_GetPageHeightF(page);
      pdfium._FPDF_ClosePage(page);
      // The same portrait turn as fax pages get, so the thumbnail shows what is sent.
      const aspect = Math.max(width, height) / Math.min(width, height);
      const box = { width: input.width, height: Math.max(1, Math.round(input.width * aspect)), xDpi: 72, yDpi: 72 };
      bitmap = PdfiumBitmap.create(pdfium, box.width, box.height, 'rgba');
      renderPdfiumPage(document, 0, bitmap, box, input.limits.maxImagePixels);
      return { rgba: Buffer.from(bitmap.pixels()), width: box.width, height: box.height };
    } finally {
      bitmap?.destroy();
      document.close();
    }
  });
  const { rgba, width, height } = rendered;
  const png = await sharp(rgba, { raw: { width, height, channels: 4 } }).png().toBuffer();
  return { bytes: png, width, height };
}
