import PDFDocument from 'pdfkit';
import { DocumentError } from '../document.error';
import { registerFaxFonts } from '../font/fax-font';
import { embeddable, fitInto, physicalAspect } from '../image/image-to-pdf.task';
import { readImagePages } from '../image/image-pages';
import { requireSourceFormat } from '../intake/detect-source-format';
import type { DocumentLimits } from '../limits/document-limits';
import { checkFileSize } from '../limits/file-size.limit';
import { PAGE_SIZES_PT, type PageSize } from '../page-size';
import { inspectPdf } from '../pdf/inspect-pdf';
import { writePdf } from '../pdf/write-pdf';
import { prepareFontText } from '../text/fax-text';
import { COVER_STYLE, layoutCoverPage, MAX_COVER_TEXT_CHARS, type CoverBox, type CoverContent, type CoverFont } from './cover-layout';
import { mergeCoverPages } from './merge-cover-pages';

/** A party of the cover as it crosses the thread. */
export interface CoverPartyInput {
  name?: string;
  number?: string;
}

/** The cover's fields as they cross the thread (checked for types on the caller's side). */
export interface CoverFieldsInput {
  to?: CoverPartyInput;
  from?: CoverPartyInput;
  subject?: string;
  message?: string;
  date: string;
  logo?: Uint8Array;
}

/** Input of the `render-cover-page` worker task. */
export interface RenderCoverPageInput {
  fields: CoverFieldsInput;
  documentPages: number;
  pageSize: PageSize;
  limits: DocumentLimits;
}

/** Input of the `prepend-cover-page` worker task. */
export interface PrependCoverPageInput {
  cover: Uint8Array;
  document: Uint8Array;
  limits: DocumentLimits;
}

/** Input of the `with-cover-page` worker task. */
export interface WithCoverPageInput {
  document: Uint8Array;
  fields: CoverFieldsInput;
  pageSize: PageSize;
  limits: DocumentLimits;
}

/** Output of the tasks that put a cover in front of a document. */
export interface CoveredOutput {
  bytes: Uint8Array;
  pages: number;
  coverPages: number;
}

const ADVICE = 'Leave those characters out, or put the text in the document instead.';

/** Draws the cover page(s) for a document of `documentPages` pages (see `layoutCoverPage`). */
export async function renderCoverPageTask(input: RenderCoverPageInput): Promise<{ bytes: Uint8Array; pages: number }> {
  const content = prepareCoverContent(input.fields, input.documentPages);
  // Laid out before anything is drawn, with pdfkit's own font metrics, so refusals come first.
  const metrics = registerFaxFonts(new PDFDocument({ autoFirstPage: false }));
  const measure = (text: string, font: CoverFont, size: number): number => metrics.font(font).fontSize(size).widthOfString(text);
  const layout = layoutCoverPage(content, input.pageSize, measure);
  checkTotalPages(layout.pages.length, input.documentPages, input.limits);
  const logo = input.fields.logo === undefined ? undefined : await prepareLogo(bytesOf(input.fields.logo), input.limits);
  const { width, height } = PAGE_SIZES_PT[input.pageSize];
  const bytes = await writePdf((document) => {
    registerFaxFonts(document);
    layout.pages.forEach((page, index) => {
      document.addPage({ size: [width, height], margin: 0 });
      if (index === 0 && logo !== undefined) drawLogo(document, logo, layout.logoBox);
      for (const rule of page.rules) {
        document
          .moveTo(COVER_STYLE.margin, rule.y)
          .lineTo(width - COVER_STYLE.margin, rule.y)
          .lineWidth(rule.thickness)
          .stroke('#000000');
      }
      for (const text of page.texts) document.font(text.font).fontSize(text.size).fillColor('#000000').text(text.text, text.x, text.y, { lineBreak: false });
    });
  });
  return { bytes, pages: layout.pages.length };
}

/** Puts the pages of a cover PDF in front of a document PDF, both checked as at intake. */
export async function prependCoverPageTask(input: PrependCoverPageInput): Promise<CoveredOutput> {
  const cover = bytesOf(input.cover);
  const document = bytesOf(input.document);
  checkFileSize(document.length, input.limits.maxFileBytes);
  const documentPages = await inspectPdf(document, input.limits);
  const coverPages = await inspectCover(cover, input.limits);
  checkTotalPages(coverPages, documentPages, input.limits);
  const bytes = await mergeCoverPages(cover, document, documentPages);
  return { bytes, pages: coverPages + documentPages, coverPages };
}

async function inspectCover(cover: Buffer, limits: DocumentLimits): Promise<number> {
  try {
    checkFileSize(cover.length, limits.maxFileBytes);
    return await inspectPdf(cover, limits);
  } catch (error) {
    throw DocumentError.is(error) ? new DocumentError(error.code, `Cover page: ${error.message}`, { cause: error }) : error;
  }
}

/** Checks a document PDF, draws a cover counting its pages and puts the cover in front. */
export async function withCoverPageTask(input: WithCoverPageInput): Promise<CoveredOutput> {
  const document = bytesOf(input.document);
  checkFileSize(document.length, input.limits.maxFileBytes);
  const documentPages = await inspectPdf(document, input.limits);
  const cover = await renderCoverPageTask({ fields: input.fields, documentPages, pageSize: input.pageSize, limits: input.limits });
  const bytes = await mergeCoverPages(bytesOf(cover.bytes), document, documentPages);
  return { bytes, pages: cover.pages + documentPages, coverPages: cover.pages };
}

/**
 * Checks every text field against the fax font (`UNSUPPORTED_CHARACTERS`, naming the field) and
 * shapes it for the layout: one-line fields have runs of white space made one space; the message
 * keeps its lines (tabs become four spaces, form feeds line breaks, blank lines at either end go).
 */
export function prepareCoverContent(fields: CoverFieldsInput, documentPages: number): CoverContent {
  const texts = [fields.to?.name, fields.to?.number, fields.from?.name, fields.from?.number, fields.subject, fields.message];
  if (texts.reduce((sum, text) => sum + (text?.length ?? 0), 0) > MAX_COVER_TEXT_CHARS) {
    throw new DocumentError(
      'TOO_MANY_PAGES',
      `The cover page text is too long: it would take more than ${COVER_STYLE.maxPages} pages. Shorten the message, or send it as a document.`,
    );
  }
  const message = fields.message === undefined ? '' : prepareFontText(fields.message, { what: 'The cover page message', advice: ADVICE });
  const lines = message.replace(/\t/g, '    ').replace(/\f/g, '\n').split('\n');
  while (lines.length > 0 && (lines[0] ?? '').trim() === '') lines.shift();
  while (lines.length > 0 && (lines[lines.length - 1] ?? '').trim() === '') lines.pop();
  return {
    to: partyLines(fields.to, 'recipient'),
    from: partyLines(fields.from, 'sender'),
    subject: oneLine(fields.subject, 'The cover page subject'),
    message: lines,
    date: fields.date,
    documentPages,
  };
}

function partyLines(party: CoverPartyInput | undefined, role: string): string[] {
  const name = oneLine(party?.name, `The cover page ${role} name`);
  const number = oneLine(party?.number, `The cover page ${role} number`);
  return [...(name === undefined ? [] : [name]), ...(number === undefined ? [] : [`Fax ${number}`])];
}

function oneLine(value: string | undefined, what: string): string | undefined {
  if (value === undefined) return undefined;
  const line = prepareFontText(value, { what, advice: ADVICE }).replace(/\s+/g, ' ').trim();
  return line === '' ? undefined : line;
}

function checkTotalPages(coverPages: number, documentPages: number, limits: DocumentLimits): void {
  const total = coverPages + documentPages;
  if (total > limits.maxPages) {
    throw new DocumentError(
      'TOO_MANY_PAGES',
      `With the cover page the fax would have ${total} pages (${documentPages} of the document, ${coverPages} of the cover); at most ${limits.maxPages} can be faxed.`,
    );
  }
}

interface Logo {
  data: Buffer;
  /** Width over height as printed. */
  aspect: number;
}

// The logo passes the intake rules for images (size, format by content, pixel limit from the header
// before decoding, strict decoding) and is re-encoded at up to 300 dpi for its box.
async function prepareLogo(bytes: Buffer, limits: DocumentLimits): Promise<Logo> {
  try {
    checkFileSize(bytes.length, limits.maxFileBytes);
    const format = requireSourceFormat(bytes);
    if (format !== 'png' && format !== 'jpeg') throw new DocumentError('UNSUPPORTED_FORMAT', 'It must be a PNG or JPEG image.');
    const [page] = await readImagePages(bytes, format, limits);
    if (page === undefined) throw new DocumentError('UNREADABLE', 'The image is damaged and cannot be read.');
    const data = await embeddable(bytes, format === 'jpeg', page, [COVER_STYLE.logoWidth, COVER_STYLE.headerHeight], limits);
    return { data, aspect: physicalAspect(page) };
  } catch (error) {
    if (DocumentError.is(error)) throw new DocumentError(error.code, `The cover page logo was refused. ${error.message}`, { cause: error });
    throw error;
  }
}

// Fitted to its box with its aspect ratio kept, against the right margin, centred vertically.
function drawLogo(document: PDFKit.PDFDocument, logo: Logo, box: CoverBox): void {
  const fitted = fitInto(logo.aspect, [box.width, box.height]);
  document.image(logo.data, box.x + box.width - fitted.width, box.y + fitted.y, { width: fitted.width, height: fitted.height });
}

function bytesOf(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
