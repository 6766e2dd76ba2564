import { DocumentError } from '../document.error';
import { FAX_FONTS, type FaxFontName } from '../font/fax-font';
import { PAGE_SIZES_PT, type PageSize } from '../page-size';

/** The fonts a cover page uses: the fax font (labels and title in its bold). */
export type CoverFont = FaxFontName;

const REGULAR = FAX_FONTS.regular;
const BOLD = FAX_FONTS.bold;

/** Width in points of `text` set in `font` at `size` points (pdfkit's `widthOfString`). */
export type MeasureText = (text: string, font: CoverFont, size: number) => number;

/** One line of text; `x`, `y` is its top-left corner in points from the top-left of the page. */
export interface CoverText {
  text: string;
  font: CoverFont;
  size: number;
  x: number;
  y: number;
}

/** A horizontal black rule across the text column. */
export interface CoverRule {
  y: number;
  thickness: number;
}

/** What one cover page draws. */
export interface CoverPageDrawing {
  texts: CoverText[];
  rules: CoverRule[];
}

/** Where things go on a box-shaped area of the page, in points from the top-left. */
export interface CoverBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The cover's content, already checked and prepared for the font (see `cover-page.task.ts`). */
export interface CoverContent {
  /** Recipient lines (name, then "Fax" and number); empty for none. */
  to: string[];
  /** Sender lines, as for `to`. */
  from: string[];
  subject: string | undefined;
  /** The message's lines as written (wrapped here); empty for none. */
  message: string[];
  /** `YYYY-MM-DD`. */
  date: string;
  /** Pages of the document the cover precedes, not counting the cover. */
  documentPages: number;
}

/** A laid-out cover: one drawing per page, and the logo's box on page 1. */
export interface CoverLayout {
  pages: CoverPageDrawing[];
  logoBox: CoverBox;
}

/**
 * The cover's look, in points. Letter gives a 504 pt text column (69 characters of the 12 pt
 * monospaced fax font per line); page 1 holds the header, the fields and about 25 message lines, a
 * continuation page about 40 more.
 */
export const COVER_STYLE = Object.freeze({
  margin: 54,
  /** Height of the header band: the title on the left, the logo box on the right. */
  headerHeight: 72,
  logoWidth: 216,
  title: 'FAX',
  titleSize: 36,
  fontSize: 12,
  lineHeight: 16,
  /** Width of the label column of the fields (To:, From:, …). */
  labelWidth: 72,
  rowGap: 4,
  continued: 'Fax cover page, continued',
  /** Most pages a cover may take; a longer message is refused. */
  maxPages: 2,
});

/**
 * Total characters of text fields past which a cover cannot fit on {@link COVER_STYLE.maxPages}
 * pages whatever the characters (two pages hold about 70 lines of at most ~190 narrow letters):
 * refused before any layout work.
 */
export const MAX_COVER_TEXT_CHARS = 20_000;

/**
 * Lays a cover page out: a header with "FAX" and the logo box, a rule, the fields (To, From, Date,
 * Pages, Subject; each value wrapped in its column), a rule and the message, wrapped at spaces
 * (a word longer than a line is split). Nothing is cut: what does not fit on page 1 continues on a
 * second page headed "Fax cover page, continued". A cover that would need more than
 * {@link COVER_STYLE.maxPages} pages is refused with `TOO_MANY_PAGES`. The Pages field counts the
 * whole fax: the document's pages plus the cover's own.
 */
export function layoutCoverPage(content: CoverContent, pageSize: PageSize, measure: MeasureText): CoverLayout {
  for (let coverPages = 1; coverPages <= COVER_STYLE.maxPages; coverPages++) {
    const pages = layoutPages(content, coverPages, pageSize, measure);
    // The Pages field names the cover's own page count, which is only known once laid out.
    if (pages !== undefined && pages.length === coverPages) return { pages, logoBox: logoBox(pageSize) };
  }
  throw new DocumentError(
    'TOO_MANY_PAGES',
    `The cover page text is too long: it would take more than ${COVER_STYLE.maxPages} pages. Shorten the message, or send it as a document.`,
  );
}

/** The value of the Pages field: `"5 pages, including this cover page"`. */
export function coverPagesLine(documentPages: number, coverPages: number): string {
  const total = documentPages + coverPages;
  return `${total} pages, including ${coverPages === 1 ? 'this cover page' : `${coverPages} cover pages`}`;
}

/**
 * Splits one paragraph into lines no wider than `maxWidth`: at the last space that fits (the space
 * is dropped), or, for a word longer than a line, after the last character that fits. Every other
 * character ends up on a line, in order (indentation too wide for the first word is dropped).
 */
export function wrapToWidth(paragraph: string, maxWidth: number, measure: (text: string) => number): string[] {
  const lines: string[] = [];
  let rest = paragraph.trimEnd();
  while (measure(rest) > maxWidth) {
    let cut = -1;
    for (let space = rest.indexOf(' ', 1); space > 0; space = rest.indexOf(' ', space + 1)) {
      const head = rest.slice(0, space).trimEnd();
      if (head.trim() === '') continue;
      if (measure(head) > maxWidth) break;
      cut = space;
    }
    if (cut < 0 && rest.startsWith(' ')) {
      // Indentation that leaves no room for the first word goes rather than splitting the word.
      rest = rest.replace(/^ +/, '');
      continue;
    }
    if (cut > 0) {
      lines.push(rest.slice(0, cut).trimEnd());
      rest = rest.slice(cut + 1).replace(/^ +/, '');
    } else {
      const fits = fittingPrefix(rest, maxWidth, measure);
      lines.push(rest.slice(0, fits));
      rest = rest.slice(fits);
    }
  }
  lines.push(rest);
  return lines;
}

// The longest prefix (at least one character) of `text` no wider than `maxWidth`, by bisection.
function fittingPrefix(text: string, maxWidth: number, measure: (text: string) => number): number {
  let low = 1;
  let high = text.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (measure(text.slice(0, middle)) <= maxWidth) low = middle;
    else high = middle - 1;
  }
  return low;
}

function logoBox(pageSize: PageSize): CoverBox {
  const { width } = PAGE_SIZES_PT[pageSize];
  const { margin, logoWidth, headerHeight } = COVER_STYLE;
  return { x: width - margin - logoWidth, y: margin, width: logoWidth, height: headerHeight };
}

class CoverTooLong extends Error {}

// Places lines top to bottom, starting a continuation page when one does not fit.
class Paginator {
  readonly pages: CoverPageDrawing[] = [];
  private page: CoverPageDrawing = { texts: [], rules: [] };
  y: number = COVER_STYLE.margin;
  private readonly bottom: number;

  constructor(
    pageHeight: number,
    private readonly maxPages: number,
  ) {
    this.bottom = pageHeight - COVER_STYLE.margin;
    this.pages.push(this.page);
  }

  /** Makes room for `height` points, on a new page if needed. */
  room(height: number): void {
    if (this.y + height <= this.bottom) return;
    if (this.pages.length === this.maxPages) throw new CoverTooLong();
    this.page = { texts: [], rules: [] };
    this.pages.push(this.page);
    const { margin, fontSize } = COVER_STYLE;
    this.page.texts.push({ text: COVER_STYLE.continued, font: BOLD, size: fontSize, x: margin, y: margin });
    this.page.rules.push({ y: margin + 20, thickness: 1 });
    this.y = margin + 34;
  }

  text(text: string, font: CoverFont, x: number): void {
    if (text !== '') this.page.texts.push({ text, font, size: COVER_STYLE.fontSize, x, y: this.y });
  }

  rule(thickness: number): void {
    this.page.rules.push({ y: this.y, thickness });
  }
}

function layoutPages(content: CoverContent, coverPages: number, pageSize: PageSize, measure: MeasureText): CoverPageDrawing[] | undefined {
  const { width, height } = PAGE_SIZES_PT[pageSize];
  const { margin, headerHeight, fontSize, lineHeight, labelWidth, rowGap } = COVER_STYLE;
  const column = width - 2 * margin;
  const paginator = new Paginator(height, coverPages);
  const first = paginator.pages[0] as CoverPageDrawing;
  first.texts.push({ text: COVER_STYLE.title, font: BOLD, size: COVER_STYLE.titleSize, x: margin, y: margin + (headerHeight - COVER_STYLE.titleSize) / 2 });
  paginator.y = margin + headerHeight + 10;
  paginator.rule(2);
  paginator.y += 14;

  const rows: Array<[string, string[]]> = [
    ['To:', content.to],
    ['From:', content.from],
    ['Date:', [content.date]],
    ['Pages:', [coverPagesLine(content.documentPages, coverPages)]],
    ['Subject:', content.subject === undefined ? [] : [content.subject]],
  ];
  const valueWidth = column - labelWidth;
  const measureValue = (text: string): number => measure(text, REGULAR, fontSize);
  try {
    for (const [label, values] of rows) {
      if (values.length === 0) continue;
      const lines = values.flatMap((value) => wrapToWidth(value, valueWidth, measureValue));
      lines.forEach((line, index) => {
        paginator.room(lineHeight);
        if (index === 0) paginator.text(label, BOLD, margin);
        paginator.text(line, REGULAR, margin + labelWidth);
        paginator.y += lineHeight;
      });
      paginator.y += rowGap;
    }
    if (content.message.length > 0) {
      paginator.y += 6;
      paginator.rule(1);
      paginator.y += 14;
      for (const paragraph of content.message) {
        for (const line of wrapToWidth(paragraph, column, measureValue)) {
          paginator.room(lineHeight);
          paginator.text(line, REGULAR, margin);
          paginator.y += lineHeight;
        }
      }
    }
  } catch (error) {
    if (error instanceof CoverTooLong) return undefined;
    throw error;
  }
  return paginator.pages;
}
