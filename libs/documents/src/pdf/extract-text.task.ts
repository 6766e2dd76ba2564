import type { DocumentLimits } from '../limits/document-limits';
import { openPdf } from './pdfjs';

/** Input of the `extract-text` worker task. */
export interface ExtractTextInput {
  pdf: Uint8Array;
  limits: DocumentLimits;
}

/** One page as pdf.js reads it back: its text runs (one per line, see below) and its size in points. */
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
      pages.push({ text: textRuns(content.items.flatMap((item) => ('str' in item && item.str.trim() !== '' ? [item] : []))).join('\n'), width, height });
      page.cleanup();
    }
    return { pages };
  } finally {
    await document.destroy();
  }
}

interface PositionedText {
  str: string;
  width: number;
  transform: number[];
}

/**
 * Puts pdf.js's pieces of text back into runs: pieces on one baseline whose gap is at most about
 * one character are one run (the gap becomes spaces, one per character width), a wider gap (a
 * cover label and its value) or another baseline starts a new run. pdf.js splits text set in an
 * embedded font at its spaces, so its pieces alone are words. Written for the monospaced fax font;
 * two or more spaces in a row also start a new run.
 */
function textRuns(items: PositionedText[]): string[] {
  const runs: string[] = [];
  let current = '';
  let baseline = Number.NaN;
  let end = 0;
  let charWidth = 0;
  for (const item of items) {
    const [, , , , x = 0, y = 0] = item.transform;
    const gap = x - end;
    if (current !== '' && Math.abs(y - baseline) < 0.5 && gap < 1.5 * charWidth) {
      current += ' '.repeat(Math.max(0, Math.round(gap / charWidth))) + item.str;
    } else {
      if (current !== '') runs.push(current);
      current = item.str;
    }
    baseline = y;
    end = x + item.width;
    charWidth = item.width / item.str.length;
  }
  if (current !== '') runs.push(current);
  return runs;
}
