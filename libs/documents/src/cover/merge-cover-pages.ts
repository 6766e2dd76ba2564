import { PDFDocument, PDFName, PDFNumber } from 'pdf-lib';
import { DocumentError } from '../document.error';

/**
 * Puts every page of `cover` in front of `document` with pdf-lib and returns the new file. Both
 * must have passed `inspectPdf`; `documentPages` is the count it gave.
 *
 * The document is the base: its catalog (form fields and their default resources, outlines,
 * metadata) and its pages' objects are written back as they were, content streams byte for byte;
 * only its page tree gains the cover pages. A cover page is given an explicit rotation and crop box,
 * so it never inherits the document's from the page tree.
 *
 * pdf-lib cannot write into an encrypted file: a document with an owner password (opened without
 * asking, so accepted at intake) is refused here with `ENCRYPTED`.
 */
export async function mergeCoverPages(cover: Uint8Array, document: Uint8Array, documentPages: number): Promise<Uint8Array> {
  const target = await load(document, 'document');
  if (target.getPageCount() !== documentPages) {
    throw new DocumentError('UNREADABLE', 'The PDF is damaged: its pages cannot be read reliably, so a cover page cannot be added to it.');
  }
  const source = await load(cover, 'cover');
  const pages = await target.copyPages(source, source.getPageIndices());
  pages.forEach((page, index) => {
    const node = page.node;
    if (node.get(PDFName.of('Rotate')) === undefined) node.set(PDFName.of('Rotate'), PDFNumber.of(0));
    const mediaBox = node.get(PDFName.of('MediaBox'));
    if (node.get(PDFName.of('CropBox')) === undefined && mediaBox !== undefined) node.set(PDFName.of('CropBox'), mediaBox);
    target.insertPage(index, page);
  });
  return target.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false });
}

async function load(bytes: Uint8Array, role: 'cover' | 'document'): Promise<PDFDocument> {
  try {
    return await PDFDocument.load(bytes, { updateMetadata: false });
  } catch (error) {
    const prefix = role === 'cover' ? 'Cover page: ' : '';
    // pdf-lib's EncryptedPDFError is compiled to ES5, where `instanceof` fails; its message is stable.
    if (error instanceof Error && /is encrypted/.test(error.message)) {
      throw new DocumentError(
        'ENCRYPTED',
        `${prefix}The PDF has usage restrictions (an owner password), so a cover page cannot be put in front of it. ` +
          'Remove the restrictions, or send it without a cover page.',
        { cause: error },
      );
    }
    throw new DocumentError('UNREADABLE', `${prefix}The PDF is damaged and cannot be read.`, { cause: error });
  }
}
