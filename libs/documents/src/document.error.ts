/**
 * Why a document was refused or a conversion failed. The status in brackets is the one the HTTP
 * layer should answer with.
 *
 * - `FILE_TOO_LARGE` (413): the file is larger than `maxFileBytes`.
 * - `UNSUPPORTED_FORMAT` (415): the content is not PDF, UTF-8 text, PNG, JPEG or TIFF.
 * - `EMPTY_DOCUMENT` (422): the file is empty, a PDF has no pages or a text has nothing to print.
 * - `UNREADABLE` (422): the file claims a supported format but is corrupt or truncated.
 * - `ENCRYPTED` (422): the PDF needs a password to open; or a cover page was asked for in front of
 *   a PDF with usage restrictions (an owner password), which cannot be rewritten.
 * - `TOO_MANY_PAGES` (422): the document (with its cover page, if any) has more pages than
 *   `maxPages`, or a cover page message would need more than two pages.
 * - `IMAGE_TOO_LARGE` (422): an image (on its own or inside a PDF) has more pixels than
 *   `maxImagePixels`, the guard against decompression bombs.
 * - `UNSUPPORTED_CHARACTERS` (422): a text or a cover page field uses characters the fax font cannot print.
 * - `CONVERSION_TIMEOUT` (422): one conversion ran longer than the pool's task timeout.
 * - `CONVERSION_FAILED` (500): the converter itself failed (a worker crashed or ran out of memory).
 * - `POOL_CLOSED` (503): the conversion pool was closed before or during the conversion.
 * - `INVALID_ARGUMENT` (500): the caller passed options out of range; a programming error.
 */
export type DocumentErrorCode =
  | 'FILE_TOO_LARGE'
  | 'UNSUPPORTED_FORMAT'
  | 'EMPTY_DOCUMENT'
  | 'UNREADABLE'
  | 'ENCRYPTED'
  | 'TOO_MANY_PAGES'
  | 'IMAGE_TOO_LARGE'
  | 'UNSUPPORTED_CHARACTERS'
  | 'CONVERSION_TIMEOUT'
  | 'CONVERSION_FAILED'
  | 'POOL_CLOSED'
  | 'INVALID_ARGUMENT';

const CODES: ReadonlySet<string> = new Set<DocumentErrorCode>([
  'FILE_TOO_LARGE',
  'UNSUPPORTED_FORMAT',
  'EMPTY_DOCUMENT',
  'UNREADABLE',
  'ENCRYPTED',
  'TOO_MANY_PAGES',
  'IMAGE_TOO_LARGE',
  'UNSUPPORTED_CHARACTERS',
  'CONVERSION_TIMEOUT',
  'CONVERSION_FAILED',
  'POOL_CLOSED',
  'INVALID_ARGUMENT',
]);

const BRAND = Symbol.for('faxbot.DocumentError');

/**
 * The one error type this package throws. The message is written for the person who sent the
 * document ("The PDF is protected by a password…"); it never quotes document content.
 *
 * @example
 * try {
 *   await inspectDocument(bytes, { pool });
 * } catch (error) {
 *   if (DocumentError.is(error) && error.code === 'ENCRYPTED') return res.status(422).json({ detail: error.message });
 *   throw error;
 * }
 */
export class DocumentError extends Error {
  readonly code: DocumentErrorCode;

  constructor(code: DocumentErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DocumentError';
    this.code = code;
    Object.defineProperty(this, BRAND, { value: true });
  }

  /** Brand check that also works across two copies of this package. */
  static is(value: unknown): value is DocumentError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }

  /** True when `value` is one of the {@link DocumentErrorCode}s (used when errors cross a thread). */
  static isCode(value: unknown): value is DocumentErrorCode {
    return typeof value === 'string' && CODES.has(value);
  }
}
