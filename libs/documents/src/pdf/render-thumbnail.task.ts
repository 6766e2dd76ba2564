import { createCanvas } from '@napi-rs/canvas';
import { DocumentError } from '../document.error';
import type { DocumentLimits } from '../limits/document-limits';
import { assertNoImageDropped } from './pdfjs-warnings';
import { loadPdfJs, openPdf } from './pdfjs';
import { renderPage } from './render-page';

/** Input of the `render-thumbnail` worker task. */
export interface RenderThumbnailInput {
  pdf: Uint8Array;
  width: number;
  limits: DocumentLimits;
}

/** Renders page 1 of a PDF, `width` pixels wide and as tall as its aspect ratio, to a PNG. */
export async function renderThumbnailTask(input: RenderThumbnailInput): Promise<{ bytes: Uint8Array; width: number; height: number }> {
  const pdfjs = await loadPdfJs();
  const document = await openPdf(input.pdf, input.limits);
  try {
    const page = await document.getPage(1).catch((error: unknown) => {
      throw new DocumentError('UNREADABLE', 'The PDF is damaged: page 1 cannot be read.', { cause: error });
    });
    const natural = page.getViewport({ scale: 1 });
    // The same portrait turn as fax pages get, so the thumbnail shows what is sent.
    const aspect = Math.max(natural.width, natural.height) / Math.min(natural.width, natural.height);
    const box = { width: input.width, height: Math.max(1, Math.round(input.width * aspect)), xDpi: 72, yDpi: 72 };
    const canvas = createCanvas(box.width, box.height);
    await renderPage(pdfjs, page, canvas, box);
    page.cleanup();
    assertNoImageDropped(1, input.limits.maxImagePixels);
    return { bytes: await canvas.encode('png'), width: box.width, height: box.height };
  } finally {
    await document.destroy();
  }
}
