import fc from 'fast-check';
import PDFDocument from 'pdfkit';
import { FAX_FONTS, registerFaxFonts } from '../font/fax-font';
import { PAGE_SIZES_PT } from '../page-size';
import { COVER_STYLE, coverPagesLine, layoutCoverPage, wrapToWidth, type CoverContent, type CoverFont } from './cover-layout';

// Six points per character, like 10 pt Courier: widths are easy to reason about.
const monospace = (text: string): number => text.length * 6;
const withoutSpaces = (text: string): string => text.replace(/\s/g, '');

// Real metrics of the fax font, as the worker measures them.
const measuring = registerFaxFonts(new PDFDocument({ autoFirstPage: false }));
const faxFont = (text: string, font: CoverFont, size: number): number => measuring.font(font).fontSize(size).widthOfString(text);

const content = (overrides: Partial<CoverContent> = {}): CoverContent => ({
  to: ['Dr. Jane Smith', 'Fax +1 555 0100'],
  from: ['Springfield Clinic'],
  subject: 'Referral',
  message: ['Please see the attached.'],
  date: '2025-03-14',
  documentPages: 3,
  ...overrides,
});

describe('wrapToWidth', () => {
  it('keeps a line that fits as it is', () => {
    expect(wrapToWidth('short line', 60, monospace)).toEqual(['short line']);
    expect(wrapToWidth('', 60, monospace)).toEqual(['']);
  });

  it('wraps at the last space that fits and drops that space', () => {
    expect(wrapToWidth('the quick brown fox jumps over the lazy dog', 114, monospace)).toEqual(['the quick brown fox', 'jumps over the lazy', 'dog']);
  });

  it('splits a word longer than a line after the last character that fits', () => {
    expect(wrapToWidth(`go ${'x'.repeat(25)} end`, 60, monospace)).toEqual(['go', 'x'.repeat(10), 'x'.repeat(10), 'xxxxx end']);
  });

  it('keeps indentation at the start of a paragraph', () => {
    expect(wrapToWidth('  indented text here', 60, monospace)).toEqual(['  indented', 'text here']);
    expect(wrapToWidth('    indented text here', 60, monospace)).toEqual(['indented', 'text here']);
  });

  it('never makes a line wider than the column and never loses a character', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'W', 'i', '.'), minLength: 1, maxLength: 30 });
    fc.assert(
      fc.property(fc.array(word, { maxLength: 40 }), fc.integer({ min: 1, max: 40 }), (words, columns) => {
        const paragraph = words.join(' ');
        const lines = wrapToWidth(paragraph, columns * 6, monospace);
        expect(lines.every((line) => monospace(line) <= columns * 6)).toBe(true);
        expect(withoutSpaces(lines.join(''))).toBe(withoutSpaces(paragraph));
      }),
    );
  });
});

describe('layoutCoverPage', () => {
  it('says how many pages the fax has, cover included', () => {
    expect(coverPagesLine(3, 1)).toBe('4 pages, including this cover page');
    expect(coverPagesLine(10, 2)).toBe('12 pages, including 2 cover pages');
  });

  it.each(['letter', 'a4'] as const)('keeps every line inside the margins of %s pages', (pageSize) => {
    const message = Array.from({ length: 30 }, (_, index) => `Paragraph ${index}: ${'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(2)}`);
    const layout = layoutCoverPage(content({ message, subject: 'S'.repeat(200) }), pageSize, faxFont);
    const { width, height } = PAGE_SIZES_PT[pageSize];

    expect(layout.pages).toHaveLength(2);
    for (const page of layout.pages) {
      for (const text of page.texts) {
        expect(text.x + faxFont(text.text, text.font, text.size)).toBeLessThanOrEqual(width - COVER_STYLE.margin + 0.001);
        expect(text.y + COVER_STYLE.lineHeight).toBeLessThanOrEqual(height - COVER_STYLE.margin);
      }
    }
    expect(layout.logoBox).toEqual({ x: width - 54 - 216, y: 54, width: 216, height: 72 });
  });

  it('lists the fields given, in order, and leaves out the ones not given', () => {
    const labels = (overrides: Partial<CoverContent>): string[] =>
      layoutCoverPage(content(overrides), 'letter', faxFont)
        .pages[0]!.texts.filter((text) => text.font === FAX_FONTS.bold && text.text.endsWith(':'))
        .map((text) => text.text);
    expect(labels({})).toEqual(['To:', 'From:', 'Date:', 'Pages:', 'Subject:']);
    expect(labels({ to: [], from: [], subject: undefined })).toEqual(['Date:', 'Pages:']);
  });

  it('refuses a cover that would need a third page', () => {
    const message = Array.from({ length: 80 }, (_, index) => `Line ${index}`);
    expect(() => layoutCoverPage(content({ message }), 'letter', faxFont)).toThrow(expect.objectContaining({ code: 'TOO_MANY_PAGES' }) as Error);
  });
});
