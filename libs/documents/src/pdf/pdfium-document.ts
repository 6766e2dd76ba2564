import { DocumentError } from '../document.error';
import type { DocumentLimits } from '../limits/document-limits';
import { assertPdfEndMarker } from './pdf-end-marker';
import type { PdfiumModule } from './pdfium';

// FPDF_GetLastError codes (fpdfview.h).
const FPDF_ERR_PASSWORD = 4;
// FPDF_GetFormType: FORMTYPE_NONE.
const NO_FORM = 0;
// FPDF_FORMFILLINFO is about 140 bytes in version 2; every callback left null (no JavaScript, no
// user interface), which PDFium accepts for drawing form fields.
const FORM_FILL_INFO_BYTES = 256;
const FORM_FILL_INFO_VERSION = 2;

/**
 * A PDF opened in PDFium's heap, with the form-fill environment its form fields are drawn through.
 * Holds PDFium memory: {@link PdfiumDocument.close} it on every path.
 */
export class PdfiumDocument {
  private closed = false;

  private constructor(
    readonly pdfium: PdfiumModule,
    private readonly data: number,
    readonly handle: number,
    /** The form-fill handle, or 0 when the document has no form fields. */
    readonly form: number,
    private readonly formInfo: number,
    readonly pageCount: number,
  ) {}

  /**
   * Opens a PDF, refusing it as the pdf.js intake check does: `UNREADABLE` when the end-of-file
   * marker is missing or PDFium cannot parse it, `ENCRYPTED` when it needs a password, and
   * `EMPTY_DOCUMENT` or `TOO_MANY_PAGES` by its page count. PDFium reads the bytes in place, so
   * they are copied into its heap and stay there until {@link close}.
   */
  static open(pdfium: PdfiumModule, bytes: Uint8Array, limits: DocumentLimits): PdfiumDocument {
    assertPdfEndMarker(bytes);
    const data = allocate(pdfium, bytes.byteLength);
    pdfium.HEAPU8.set(bytes, data);
    const handle = pdfium._FPDF_LoadMemDocument(data, bytes.byteLength, 0);
    if (handle === 0) {
      const reason = pdfium._FPDF_GetLastError();
      pdfium._free(data);
      if (reason === FPDF_ERR_PASSWORD) {
        throw new DocumentError('ENCRYPTED', 'The PDF is protected by a password. Remove the password and send it again.');
      }
      throw new DocumentError('UNREADABLE', 'The PDF is damaged and cannot be read.');
    }
    const pageCount = pdfium._FPDF_GetPageCount(handle);
    const refusal =
      pageCount <= 0
        ? new DocumentError('EMPTY_DOCUMENT', 'The PDF has no pages.')
        : pageCount > limits.maxPages
          ? new DocumentError('TOO_MANY_PAGES', `The PDF has ${pageCount} pages; at most ${limits.maxPages} can be faxed.`)
          : undefined;
    if (refusal !== undefined) {
      pdfium._FPDF_CloseDocument(handle);
      pdfium._free(data);
      throw refusal;
    }
    let formFill: { form: number; formInfo: number };
    try {
      formFill = startFormFill(pdfium, handle);
    } catch (error) {
      pdfium._FPDF_CloseDocument(handle);
      pdfium._free(data);
      throw error;
    }
    const { form, formInfo } = formFill;
    return new PdfiumDocument(pdfium, data, handle, form, formInfo, pageCount);
  }

  /** Loads page `index` (from 0); `UNREADABLE` when PDFium cannot. Close it with `_FPDF_ClosePage`. */
  loadPage(index: number): number {
    const page = this.pdfium._FPDF_LoadPage(this.handle, index);
    if (page === 0) throw new DocumentError('UNREADABLE', `The PDF is damaged: page ${index + 1} cannot be read.`);
    return page;
  }

  /** Frees the document, its form-fill environment and its bytes. Safe to call twice. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.form !== 0) this.pdfium._FPDFDOC_ExitFormFillEnvironment(this.form);
    if (this.formInfo !== 0) this.pdfium._free(this.formInfo);
    this.pdfium._FPDF_CloseDocument(this.handle);
    this.pdfium._free(this.data);
  }
}

// Filled-in form fields are drawn only through a form-fill environment (FPDF_FFLDraw), so one is
// set up for documents that have a form; the others skip the cost.
function startFormFill(pdfium: PdfiumModule, document: number): { form: number; formInfo: number } {
  if (pdfium._FPDF_GetFormType(document) === NO_FORM) return { form: 0, formInfo: 0 };
  const formInfo = allocate(pdfium, FORM_FILL_INFO_BYTES);
  pdfium.HEAPU8.fill(0, formInfo, formInfo + FORM_FILL_INFO_BYTES);
  new DataView(pdfium.HEAPU8.buffer).setInt32(formInfo, FORM_FILL_INFO_VERSION, true);
  const form = pdfium._FPDFDOC_InitFormFillEnvironment(document, formInfo);
  if (form !== 0) return { form, formInfo };
  pdfium._free(formInfo);
  return { form: 0, formInfo: 0 };
}

/** `malloc` in PDFium's heap; a failure (heap exhausted) is a conversion failure. */
export function allocate(pdfium: PdfiumModule, bytes: number): number {
  const pointer = pdfium._malloc(bytes);
  if (pointer === 0) throw new DocumentError('CONVERSION_FAILED', 'The PDF renderer ran out of memory.');
  return pointer;
}
