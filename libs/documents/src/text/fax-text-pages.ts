import { DocumentError } from '../document.error';
import { detectDocumentType } from '../intake/detect-document-type';
import type { DocumentLimits } from '../limits/document-limits';
import type { PageSize } from '../page-size';
import { prepareFaxText } from './fax-text';
import { layoutText, textGrid } from './text-layout';

/**
 * The pages of lines a text makes on `pageSize`, after {@link prepareFaxText}. Refuses a text with
 * nothing to print (`EMPTY_DOCUMENT`) or more pages than allowed (`TOO_MANY_PAGES`).
 */
export function faxTextPages(text: string, pageSize: PageSize, limits: DocumentLimits): string[][] {
  const pages = layoutText(prepareFaxText(text), textGrid(pageSize));
  if (pages.length === 0) throw new DocumentError('EMPTY_DOCUMENT', 'The text has nothing to print.');
  if (pages.length > limits.maxPages) {
    throw new DocumentError('TOO_MANY_PAGES', `The text makes ${pages.length} pages; at most ${limits.maxPages} can be faxed.`);
  }
  return pages;
}

/** Decodes UTF-8 text bytes, refusing anything {@link detectDocumentType} would not call text. */
export function decodeText(bytes: Buffer): string {
  if (bytes.length === 0) throw new DocumentError('EMPTY_DOCUMENT', 'The file is empty.');
  if (detectDocumentType(bytes) !== 'txt') {
    throw new DocumentError('UNSUPPORTED_FORMAT', 'The file is not plain text: it is not valid UTF-8 or holds control characters.');
  }
  return bytes.toString('utf8');
}
