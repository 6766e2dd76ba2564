import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs' with { 'resolution-mode': 'import' };
import { DocumentError } from '../document.error';
import type { DocumentLimits } from '../limits/document-limits';
import { assertPdfEndMarker } from './pdf-end-marker';

/** The pdf.js module (its Node build). */
export type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs', { with: { 'resolution-mode': 'import' } });
export type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs' with { 'resolution-mode': 'import' };

// pdf.js ships as ES modules only. TypeScript compiles `import()` in a CommonJS file to `require()`,
// which cannot load them, so the import is built at run time. Only worker threads call this: jest's
// module sandbox cannot `import()` ES modules without experimental flags, a worker thread can.
const importModule = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;

let loaded: Promise<PdfJs> | undefined;

/** Loads pdf.js once per thread. */
export function loadPdfJs(): Promise<PdfJs> {
  loaded ??= importModule(pathToFileURL(require.resolve('pdfjs-dist/legacy/build/pdf.mjs')).href) as Promise<PdfJs>;
  return loaded;
}

const PDFJS_ROOT = dirname(require.resolve('pdfjs-dist/package.json'));

/**
 * Opens a PDF with pdf.js, refusing it with `UNREADABLE` when the end-of-file marker is missing
 * (a truncated upload) or pdf.js cannot parse it, `ENCRYPTED` when it needs a password, and
 * `EMPTY_DOCUMENT` or `TOO_MANY_PAGES` by its page count. Used for intake checks and reading text;
 * pages are rendered by PDFium (`pdfium-document.ts`). The caller must `destroy()` the document.
 */
export async function openPdf(bytes: Uint8Array, limits: DocumentLimits): Promise<PDFDocumentProxy> {
  const pdfjs = await loadPdfJs();
  const data = new Uint8Array(bytes); // pdf.js may take ownership of the buffer it is given
  assertPdfEndMarker(data);
  let document: PDFDocumentProxy;
  try {
    document = await pdfjs.getDocument({
      data,
      isEvalSupported: false,
      maxImageSize: limits.maxImagePixels,
      standardFontDataUrl: join(PDFJS_ROOT, 'standard_fonts') + '/',
      cMapUrl: join(PDFJS_ROOT, 'cmaps') + '/',
      cMapPacked: true,
      wasmUrl: join(PDFJS_ROOT, 'wasm') + '/',
      iccUrl: join(PDFJS_ROOT, 'iccs') + '/',
      verbosity: pdfjs.VerbosityLevel.WARNINGS,
    }).promise;
  } catch (error) {
    const name = (error as { name?: unknown }).name;
    if (name === 'PasswordException') {
      throw new DocumentError('ENCRYPTED', 'The PDF is protected by a password. Remove the password and send it again.', { cause: error });
    }
    throw new DocumentError('UNREADABLE', 'The PDF is damaged and cannot be read.', { cause: error });
  }
  if (document.numPages === 0) {
    await document.destroy();
    throw new DocumentError('EMPTY_DOCUMENT', 'The PDF has no pages.');
  }
  if (document.numPages > limits.maxPages) {
    const pages = document.numPages;
    await document.destroy();
    throw new DocumentError('TOO_MANY_PAGES', `The PDF has ${pages} pages; at most ${limits.maxPages} can be faxed.`);
  }
  return document;
}
