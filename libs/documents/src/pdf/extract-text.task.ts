import type { DocumentLimits } from '../limits/document-limits';
import { openPdf } from './pdfjs';

/** Input of the `extract-text` worker task. */
export interface ExtractTextInput {
  pdf: Uint8Array;
  limits: DocumentLimits;
}

/** One page as pdf.js reads it back: its text runs (one per line) and its size in points. */
export interface ExtractedPage {
  text: string;
  width: number;
  height: number;
}

/** What each page of a PDF says and how large it is; used to check what a conversion wrote. */
export async function extractTextTask(input: ExtractTextInput): Promise<{ pages: ExtractedPage[] }> {
  const document = await openPdf(input.pdf, input.limits);
  try {
    const pages: ExtractedPage[] = [];
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      const content = await page.getTextContent();
      const { width, height } = page.getViewport({ scale: 1 });
      pages.push({ text: content.items.map((item) => ('str' in item ? item.str : '')).join('\n'), width, height });
      page.cleanup();
    }
    return { pages };
  } finally {
    await document.destroy();
  }
}
