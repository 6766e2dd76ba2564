import { DocumentError } from '../document.error';
import type { DocumentLimits } from '../limits/document-limits';
import { openPdf } from './pdfjs';

/** Opens a PDF (see `openPdf`), loads every page to check the page tree, and returns the count. */
export async function inspectPdf(bytes: Uint8Array, limits: DocumentLimits): Promise<number> {
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
    return document.numPages;
  } finally {
    await document.destroy();
  }
}
