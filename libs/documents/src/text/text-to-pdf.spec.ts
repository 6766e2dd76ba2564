import sharp from 'sharp';
import { DocumentError } from '../document.error';
import { embeddedTrueTypeFonts, numberedLines, readPdfPages, refusalCode } from '../document-fixtures.test-helpers';
import { renderThumbnail } from '../pdf/render-thumbnail';
import { createConversionPool, type ConversionPool } from '../pool/conversion-pool';
import { textToPdf } from './text-to-pdf';

jest.setTimeout(120_000);

const withoutWhitespace = (text: string): string => text.replace(/\s/g, '');

describe('textToPdf', () => {
  let pool: ConversionPool;
  beforeAll(() => {
    pool = createConversionPool({ size: 2 });
  });
  afterAll(() => pool.close());

  it.each([
    ['letter', 612, 792, 57],
    ['a4', 595.28, 841.89, 61],
  ] as const)('paginates a 500-line file on %s pages without losing a line', async (pageSize, width, height, linesPerPage) => {
    const text = numberedLines(500);
    const pdf = await textToPdf(Buffer.from(text), { pool, pageSize });

    expect(pdf.pages).toBe(Math.ceil(500 / linesPerPage));
    const pages = await readPdfPages(pool, pdf.bytes);
    expect(pages).toHaveLength(pdf.pages);
    for (const page of pages) {
      expect(page.width).toBeCloseTo(width, 1);
      expect(page.height).toBeCloseTo(height, 1);
    }
    expect(pages[0]!.text.split('\n')).toHaveLength(linesPerPage);
    expect(pages[pages.length - 1]!.text).toContain('Line 500 of 500');
    expect(withoutWhitespace(pages.map((page) => page.text).join(''))).toBe(withoutWhitespace(text));
  });

  it('wraps long lines at spaces and splits words longer than a line, cutting nothing', async () => {
    const longWord = 'Pneumonoultramicroscopicsilicovolcanoconiosis'.repeat(4); // 180 characters
    const text = `${'word '.repeat(40)}\n${longWord}\nend`;
    const pdf = await textToPdf(text, { pool });

    const [page] = await readPdfPages(pool, pdf.bytes);
    const lines = page!.text.split('\n');
    expect(lines.every((line) => line.length <= 84)).toBe(true);
    // 17 four-letter words and their spaces make exactly 84 columns.
    expect(lines.slice(0, 3)).toEqual(['word '.repeat(17).trim(), 'word '.repeat(17).trim(), 'word '.repeat(6).trim()]);
    expect(lines.slice(3, 6).map((line) => line.length)).toEqual([84, 84, 12]);
    expect(withoutWhitespace(page!.text)).toBe(withoutWhitespace(text));
  });

  it('prints Western European text and Windows-1252 punctuation as written', async () => {
    const text = 'Résumé of Dr. Müller — “urgent” – 5 € … Œuvre ™';
    const [page] = await readPdfPages(pool, (await textToPdf(text, { pool })).bytes);
    expect(page!.text).toBe(text);
  });

  it.each([
    ['Greek', 'Αθήνα: ο ασθενής Γιώργος Παπαδόπουλος, 5 mg'],
    ['Cyrillic', 'Москва: пациент Иван Петров, доза 5 мг, Ёё Її Ґґ'],
    ['Latin extended', 'Łódź — Dvořák, Şişli, Ærøskøbing, Ŧ ŋ ŉ ſ, Ștefan Țurcanu'],
  ])('prints %s text as written, in the embedded fax font', async (_label, text) => {
    const pdf = await textToPdf(Buffer.from(text), { pool });
    const [page] = await readPdfPages(pool, pdf.bytes);
    expect(page!.text).toBe(text);
    const fonts = await embeddedTrueTypeFonts(pdf.bytes);
    expect(fonts).toHaveLength(1);
    // pdfkit embeds a subset, named with a six-letter tag: /ABCDEF+DejaVuSansMono.
    expect(fonts[0]).toMatch(/^\/[A-Z]{6}\+DejaVuSansMono$/);
  });

  it('draws Cyrillic text when the page is rendered', async () => {
    const pdf = await textToPdf(Array.from({ length: 20 }, () => 'ЖЖЖЖЖЖЖЖЖЖ ЩЩЩЩЩЩЩЩЩЩ ФФФФФФФФФФ').join('\n'), { pool });
    const thumbnail = await renderThumbnail(pdf.bytes, { pool, width: 612 });
    const { data, info } = await sharp(thumbnail.bytes).greyscale().raw().toBuffer({ resolveWithObject: true });
    const dark = (x0: number, y0: number, x1: number, y1: number): number => {
      let count = 0;
      for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) if (data[y * info.width + x]! < 128) count++;
      return count / ((x1 - x0) * (y1 - y0));
    };
    // The text block (0.75 in margins, 20 lines of 12 pt) is well inked; the page below it is blank.
    expect(dark(54, 54, 234, 294)).toBeGreaterThan(0.1);
    expect(dark(54, 400, 558, 700)).toBe(0);
  });

  it('keeps 84 columns of any script on a Letter line', async () => {
    const line = 'Ж'.repeat(84);
    const [page] = await readPdfPages(pool, (await textToPdf(`${line}Ж`, { pool })).bytes);
    expect(page!.text.split('\n')).toEqual([line, 'Ж']);
  });

  it('refuses a CJK character, saying where it is and what is accepted, without quoting it', async () => {
    const error = await textToPdf(Buffer.from('Patient: Müller\nΓιατρός 山田'), { pool }).catch((caught: unknown) => caught);
    expect(DocumentError.is(error) && error.code).toBe('UNSUPPORTED_CHARACTERS');
    const message = (error as DocumentError).message;
    expect(message).toContain('line 2, column 9 (U+5C71)');
    expect(message).toContain('Greek');
    expect(message).not.toMatch(/[山田]/u);
  });

  it('starts a new page at a form feed', async () => {
    const pdf = await textToPdf('first page\fsecond page\f', { pool });
    expect(pdf.pages).toBe(2);
    expect((await readPdfPages(pool, pdf.bytes)).map((page) => page.text)).toEqual(['first page', 'second page']);
  });

  it.each([
    ['characters the fax font lacks', Buffer.from('Patient: 山田太郎'), 'UNSUPPORTED_CHARACTERS'],
    ['invalid UTF-8', Buffer.from([0x61, 0xc3, 0x28]), 'UNSUPPORTED_FORMAT'],
    ['binary content', Buffer.from([0x00, 0x01, 0x02]), 'UNSUPPORTED_FORMAT'],
    ['an empty file', Buffer.alloc(0), 'EMPTY_DOCUMENT'],
    ['only whitespace', Buffer.from(' \n\t\f\n'), 'EMPTY_DOCUMENT'],
  ])('refuses %s', async (_label, text, code) => {
    expect(await refusalCode(textToPdf(text, { pool }))).toBe(code);
  });

  it('refuses a text that makes more pages than allowed', async () => {
    expect(await refusalCode(textToPdf(numberedLines(500), { pool, limits: { maxPages: 8 } }))).toBe('TOO_MANY_PAGES');
  });
});
