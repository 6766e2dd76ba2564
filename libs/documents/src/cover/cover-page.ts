import { asBuffer, pageSizeOption, type ConversionOptions, type ConvertedDocument } from '../conversion.types';
import { DocumentError } from '../document.error';
import { resolveLimits, type DocumentLimits } from '../limits/document-limits';
import { checkFileSize } from '../limits/file-size.limit';
import type { PageSize } from '../page-size';
import { runConversion } from '../pool/conversion-pool';
import type { CoverFieldsInput, CoverPartyInput } from './cover-page.task';

/** Who a fax is to or from, as the cover page names them. Either or both may be given. */
export interface CoverPageParty {
  /** A person or organisation, such as `Dr. Jane Smith, Cardiology`. */
  name?: string;
  /** Their fax number as it should be printed (after "Fax"), such as `+1 555 0100`. */
  number?: string;
}

/**
 * What a cover page says. Every text is checked against the fax font as {@link textToPdf} checks a
 * text (Latin, Greek, Cyrillic and the other scripts the font covers; anything else is refused with
 * `UNSUPPORTED_CHARACTERS` naming the field, never replaced). Empty or blank texts are left out.
 */
export interface CoverPageFields {
  to?: CoverPageParty;
  from?: CoverPageParty;
  /** One line on the cover (wrapped if long; line breaks become spaces). */
  subject?: string;
  /**
   * Free text under the fields, any number of lines: lines are kept, long ones wrapped at spaces,
   * words longer than a line split; nothing is cut. What does not fit on the cover page continues
   * on a second page; a message that would need a third is refused with `TOO_MANY_PAGES`.
   */
  message?: string;
  /** The date printed, as an ISO date `YYYY-MM-DD` (chosen by the caller: in its time zone, and fixed in tests). */
  date: string;
  /** A PNG or JPEG printed at the top right, fitted to 3 × 1 in; checked like an uploaded image (size, pixel limit, damage). */
  logo?: Buffer;
  /**
   * Pages of the document the cover goes in front of, not counting the cover. The cover prints the
   * total: "5 pages, including this cover page". {@link withCoverPage} counts them itself.
   */
  documentPages: number;
}

/** Options of {@link renderCoverPage} and {@link withCoverPage}. */
export interface CoverPageOptions extends ConversionOptions {
  /** Paper size of the cover page. Default `letter`. */
  pageSize?: PageSize;
}

/** A document with its cover pages in front. */
export interface CoveredDocument extends ConvertedDocument {
  /** Pages of the whole file, cover included. */
  pages: number;
  /** How many of them are the cover's (1, or 2 for a long message). */
  coverPages: number;
}

/**
 * Draws a fax cover page as a PDF: "FAX" and the optional logo at the top, then To (name and fax
 * number), From, Date, Pages (the whole fax, cover included) and Subject, then the message, in
 * black 12 pt DejaVu Sans Mono (the fax font) with 0.75 in margins. A long message continues on a second cover page.
 * The cover and the document together may have at most `maxPages` pages (`TOO_MANY_PAGES`).
 *
 * @returns the cover PDF and its page count (1 or 2).
 * @example
 * const cover = await renderCoverPage(
 *   { to: { name: 'Dr. Jane Smith', number: '+1 555 0100' }, from: { name: 'Clinic' }, subject: 'Referral',
 *     message: 'Please see the attached.', date: '2025-03-14', documentPages: pdf.pages },
 *   { pool, pageSize: 'letter' },
 * );
 */
export async function renderCoverPage(fields: CoverPageFields, options: CoverPageOptions): Promise<ConvertedDocument> {
  const limits = resolveLimits(options.limits);
  const documentPages = fields?.documentPages;
  if (!Number.isSafeInteger(documentPages) || documentPages < 1) throw new DocumentError('INVALID_ARGUMENT', 'documentPages must be a positive integer');
  const output = await runConversion(options.pool, 'render-cover-page', {
    fields: coverFieldsInput(fields, limits),
    documentPages,
    pageSize: pageSizeOption(options.pageSize),
    limits,
  });
  return { bytes: asBuffer(output.bytes), pages: output.pages };
}

/**
 * Puts the pages of a cover PDF (from {@link renderCoverPage}, or any PDF) in front of a document
 * PDF and returns one PDF. Both are checked as {@link inspectDocument} checks a PDF (`ENCRYPTED`,
 * `UNREADABLE`, `EMPTY_DOCUMENT`, size), and together they may have at most `maxPages` pages.
 * The document's pages are kept as they are (content streams byte for byte, size, rotation, form
 * fields, annotations); only the page tree changes. A document with usage restrictions (an owner
 * password) cannot be rewritten and is refused with `ENCRYPTED`.
 *
 * @example
 * const { bytes, pages } = await prependCoverPage(cover.bytes, pdf.bytes, { pool });
 */
export async function prependCoverPage(coverPdf: Buffer, documentPdf: Buffer, options: ConversionOptions): Promise<CoveredDocument> {
  const limits = resolveLimits(options.limits);
  checkFileSize(documentPdf.length, limits.maxFileBytes);
  const output = await runConversion(options.pool, 'prepend-cover-page', { cover: coverPdf, document: documentPdf, limits });
  return { bytes: asBuffer(output.bytes), pages: output.pages, coverPages: output.coverPages };
}

/**
 * {@link renderCoverPage} and {@link prependCoverPage} in one step on one worker: checks the
 * document PDF, counts its pages for the cover's Pages field, draws the cover and puts it in
 * front. What the gateway's `POST /fax` uses for `cover_page=true`.
 *
 * @example
 * const fax = await withCoverPage(pdf.bytes, { to: { name: body.cover_to, number: body.to }, from: { name: body.cover_from },
 *   subject: body.cover_subject, message: body.cover_message, date: todayIso() }, { pool, pageSize: config.faxPageSize });
 * // fax.pages === fax.coverPages + pdf.pages
 */
export async function withCoverPage(
  documentPdf: Buffer,
  fields: Omit<CoverPageFields, 'documentPages'>,
  options: CoverPageOptions,
): Promise<CoveredDocument> {
  const limits = resolveLimits(options.limits);
  checkFileSize(documentPdf.length, limits.maxFileBytes);
  const output = await runConversion(options.pool, 'with-cover-page', {
    document: documentPdf,
    fields: coverFieldsInput(fields, limits),
    pageSize: pageSizeOption(options.pageSize),
    limits,
  });
  return { bytes: asBuffer(output.bytes), pages: output.pages, coverPages: output.coverPages };
}

// The fields as they cross to the worker, with their types and the date checked here: a wrong type
// is a programming error of the caller (`INVALID_ARGUMENT`), a logo over the size limit a refusal.
function coverFieldsInput(fields: Omit<CoverPageFields, 'documentPages'>, limits: DocumentLimits): CoverFieldsInput {
  if (typeof fields !== 'object' || fields === null) throw new DocumentError('INVALID_ARGUMENT', 'cover page fields must be an object');
  if (typeof fields.date !== 'string' || !isIsoDate(fields.date)) throw new DocumentError('INVALID_ARGUMENT', 'date must be an ISO date, YYYY-MM-DD');
  const input: CoverFieldsInput = { date: fields.date };
  const to = party(fields.to, 'to');
  const from = party(fields.from, 'from');
  if (to !== undefined) input.to = to;
  if (from !== undefined) input.from = from;
  if (optionalString(fields.subject, 'subject') !== undefined) input.subject = fields.subject;
  if (optionalString(fields.message, 'message') !== undefined) input.message = fields.message;
  if (fields.logo !== undefined) {
    if (!(fields.logo instanceof Uint8Array)) throw new DocumentError('INVALID_ARGUMENT', 'logo must be a Buffer');
    try {
      checkFileSize(fields.logo.length, limits.maxFileBytes);
    } catch (error) {
      throw DocumentError.is(error) ? new DocumentError(error.code, `The cover page logo was refused. ${error.message}`) : error;
    }
    input.logo = fields.logo;
  }
  return input;
}

function party(value: CoverPageParty | undefined, name: string): CoverPartyInput | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null) throw new DocumentError('INVALID_ARGUMENT', `${name} must be an object with name and/or number`);
  const result: CoverPartyInput = {};
  if (optionalString(value.name, `${name}.name`) !== undefined) result.name = value.name;
  if (optionalString(value.number, `${name}.number`) !== undefined) result.number = value.number;
  return result;
}

function optionalString(value: unknown, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new DocumentError('INVALID_ARGUMENT', `${name} must be a string`);
  return value;
}

function isIsoDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
