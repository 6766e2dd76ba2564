import { PDFArray, PDFDocument, PDFName, PDFNumber, PDFRawStream } from 'pdf-lib';
import sharp from 'sharp';
import { DocumentError } from '../document.error';
import { embeddedTrueTypeFonts, makeJpeg, makePdf, makePng, makeTiff, readPdfPages, refusalCode } from '../document-fixtures.test-helpers';
import { renderFaxTiff } from '../pdf/render-fax-tiff';
import { renderThumbnail } from '../pdf/render-thumbnail';
import { createConversionPool, type ConversionPool } from '../pool/conversion-pool';
import { readTiffPages } from '../tiff/tiff-ifd.reader';
import { prependCoverPage, renderCoverPage, withCoverPage, type CoverPageFields } from './cover-page';

jest.setTimeout(120_000);

const withoutWhitespace = (text: string): string => text.replace(/\s/g, '');

const FIELDS: CoverPageFields = {
  to: { name: 'Dr. Jane Smith, Cardiology', number: '+1 555 0100' },
  from: { name: 'Springfield Clinic', number: '+1 555 0111' },
  subject: 'Referral for patient 1234',
  message: 'Please find the referral attached.\nCall us with any questions.',
  date: '2025-03-14',
  documentPages: 3,
};

// A real PNG header claiming 60 000 × 60 000 pixels, with no image data behind it.
async function pngBomb(): Promise<Buffer> {
  const bomb = Buffer.from(await sharp({ create: { width: 1, height: 1, channels: 3, background: '#fff' } }).png().toBuffer());
  bomb.writeUInt32BE(60_000, 16);
  bomb.writeUInt32BE(60_000, 20);
  return bomb;
}

// Each page's content stream(s), as stored (still compressed), read with pdf-lib.
async function contentStreams(pdf: Buffer): Promise<Buffer[]> {
  const document = await PDFDocument.load(pdf, { updateMetadata: false });
  return document.getPages().map((page) => {
    const contents = page.node.Contents();
    const streams = contents instanceof PDFArray ? contents.asArray().map((ref) => document.context.lookup(ref)) : [contents];
    const bytes = Buffer.concat(streams.map((stream) => (stream instanceof PDFRawStream ? Buffer.from(stream.contents) : Buffer.alloc(0))));
    if (bytes.length === 0) throw new Error('a page without a content stream');
    return bytes;
  });
}

async function refusal(promise: Promise<unknown>): Promise<DocumentError> {
  const error: unknown = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!DocumentError.is(error)) throw new Error(`expected a DocumentError, got ${String(error)}`);
  return error;
}

describe('renderCoverPage', () => {
  let pool: ConversionPool;
  beforeAll(() => {
    pool = createConversionPool({ size: 2 });
  });
  afterAll(() => pool.close());

  it('prints every field, read back from the PDF', async () => {
    const cover = await renderCoverPage(FIELDS, { pool });

    expect(cover.pages).toBe(1);
    const [page] = await readPdfPages(pool, cover.bytes);
    expect([page!.width, page!.height]).toEqual([612, 792]);
    const lines = page!.text.split('\n').filter((line) => line.trim() !== '');
    expect(lines).toEqual([
      'FAX',
      'To:',
      'Dr. Jane Smith, Cardiology',
      'Fax +1 555 0100',
      'From:',
      'Springfield Clinic',
      'Fax +1 555 0111',
      'Date:',
      '2025-03-14',
      'Pages:',
      '4 pages, including this cover page',
      'Subject:',
      'Referral for patient 1234',
      'Please find the referral attached.',
      'Call us with any questions.',
    ]);
  });

  it('leaves out the fields not given and sets A4 on request', async () => {
    const cover = await renderCoverPage({ date: '2025-12-31', documentPages: 1, subject: '  ', to: { number: '+44 20 7946 0000' } }, { pool, pageSize: 'a4' });
    const [page] = await readPdfPages(pool, cover.bytes);
    expect([page!.width, page!.height]).toEqual([595.28, 841.89]);
    expect(page!.text.split('\n').filter((line) => line.trim() !== '')).toEqual([
      'FAX',
      'To:',
      'Fax +44 20 7946 0000',
      'Date:',
      '2025-12-31',
      'Pages:',
      '2 pages, including this cover page',
    ]);
  });

  it('wraps a long message and long fields instead of cutting them', async () => {
    const longWord = 'Pneumonoultramicroscopicsilicovolcanoconiosis'.repeat(4); // 180 letters, wider than the page
    const message = `${'Take one tablet twice a day with food. '.repeat(8)}\n\n${longWord}\nend`;
    const subject = 'A subject that goes on and on, '.repeat(5).trim();
    const cover = await renderCoverPage({ ...FIELDS, subject, message }, { pool });

    expect(cover.pages).toBe(1);
    const [page] = await readPdfPages(pool, cover.bytes);
    const lines = page!.text.split('\n').filter((line) => line.trim() !== '');
    const messageStart = lines.findIndex((line) => line.startsWith('Take one tablet'));
    // 8 sentences (312 characters) make 4 lines of at most ~85; the long word 3 lines.
    expect(lines.slice(messageStart).length).toBeGreaterThanOrEqual(4 + 3 + 1);
    expect(lines.every((line) => line.length <= 100)).toBe(true);
    expect(withoutWhitespace(lines.slice(messageStart).join(''))).toBe(withoutWhitespace(message));
    expect(withoutWhitespace(page!.text)).toContain(withoutWhitespace(subject));
  });

  it('continues a message too long for one page on a second cover page, and counts it', async () => {
    const message = Array.from({ length: 45 }, (_, index) => `Line ${index + 1} of 45: instructions for the ward.`).join('\n');
    const cover = await renderCoverPage({ ...FIELDS, message }, { pool });

    expect(cover.pages).toBe(2);
    const pages = await readPdfPages(pool, cover.bytes);
    expect(pages).toHaveLength(2);
    expect(pages[0]!.text).toContain('5 pages, including 2 cover pages');
    expect(pages[1]!.text.split('\n')[0]).toBe('Fax cover page, continued');
    const all = pages.map((page) => page.text.replace('Fax cover page, continued', '')).join('\n');
    expect(withoutWhitespace(all)).toContain(withoutWhitespace(message));
  });

  it('refuses a message that would need a third cover page', async () => {
    const lines = Array.from({ length: 90 }, (_, index) => `Line ${index + 1}`).join('\n');
    const error = await refusal(renderCoverPage({ ...FIELDS, message: lines }, { pool }));
    expect(error.code).toBe('TOO_MANY_PAGES');
    expect(error.message).toContain('cover page text is too long');
    expect(await refusalCode(renderCoverPage({ ...FIELDS, message: 'x'.repeat(25_000) }, { pool }))).toBe('TOO_MANY_PAGES');
  });

  it.each([
    ['Western European letters and Windows-1252 punctuation', 'Résumé of Dr. Müller — “urgent” – 5 € … Œuvre ™ ß ñ Ø'],
    ['Greek, Cyrillic and Latin extended letters', 'Κλινική Αθηνών — Клиника «Здоровье» — Łódź, Dvořák'],
  ])('prints %s as written', async (_label, text) => {
    const cover = await renderCoverPage({ date: '2025-03-14', documentPages: 1, subject: text, message: text }, { pool });
    const [page] = await readPdfPages(pool, cover.bytes);
    expect(page!.text.split('\n').filter((line) => line === text)).toHaveLength(2);
  });

  it('embeds the fax font and its bold, and no other font', async () => {
    const cover = await renderCoverPage({ date: '2025-03-14', documentPages: 1, subject: 'Ψ', message: 'Ж' }, { pool });
    const fonts = (await embeddedTrueTypeFonts(cover.bytes)).map((name) => name.replace(/^\/[A-Z]{6}\+/, '')).sort();
    expect(fonts).toEqual(['DejaVuSansMono', 'DejaVuSansMono-Bold']);
  });

  it.each([
    ['the recipient name', { to: { name: 'Tokyo 東京' } }, 'The cover page recipient name', 'line 1, column 7 (U+6771)'],
    ['the recipient number', { to: { number: '+81 ３' } }, 'The cover page recipient number', 'line 1, column 5 (U+FF13)'],
    ['the sender name', { from: { name: 'מרפאה' } }, 'The cover page sender name', 'line 1, column 1 (U+05DE)'],
    ['the subject', { subject: 'ok 👍' }, 'The cover page subject', 'line 1, column 4 (U+1F44D)'],
    ['the message', { message: 'fine\nab東京' }, 'The cover page message', 'line 2, column 3 (U+6771)'],
  ])('refuses characters the fax font lacks in %s, naming the field without quoting it', async (_label, fields, what, where) => {
    const error = await refusal(renderCoverPage({ date: '2025-03-14', documentPages: 1, ...fields }, { pool }));
    expect(error.code).toBe('UNSUPPORTED_CHARACTERS');
    expect(error.message).toContain(what);
    expect(error.message).toContain(where);
    expect(error.message).not.toMatch(/[東京מ👍３]/u);
  });

  it('refuses a cover that takes the fax over the page limit', async () => {
    expect(await refusalCode(renderCoverPage({ ...FIELDS, documentPages: 100 }, { pool }))).toBe('TOO_MANY_PAGES');
    expect(await refusalCode(renderCoverPage({ ...FIELDS, documentPages: 4 }, { pool, limits: { maxPages: 4 } }))).toBe('TOO_MANY_PAGES');
    await expect(renderCoverPage({ ...FIELDS, documentPages: 3 }, { pool, limits: { maxPages: 4 } })).resolves.toMatchObject({ pages: 1 });
  });

  it.each([
    ['a date that is not ISO', { date: '14/03/2025' }],
    ['a date that does not exist', { date: '2025-02-30' }],
    ['no page count', { documentPages: 0 }],
    ['a fractional page count', { documentPages: 1.5 }],
    ['a party that is not an object', { to: 'Dr. Smith' }],
    ['a subject that is not a string', { subject: 42 }],
    ['a logo that is not bytes', { logo: 'logo.png' }],
  ])('refuses %s with INVALID_ARGUMENT', async (_label, fields) => {
    expect(await refusalCode(renderCoverPage({ ...FIELDS, ...(fields as object) }, { pool }))).toBe('INVALID_ARGUMENT');
  });

  it('refuses a page size it does not know with INVALID_ARGUMENT', async () => {
    expect(await refusalCode(renderCoverPage(FIELDS, { pool, pageSize: 'legal' as never }))).toBe('INVALID_ARGUMENT');
  });

  describe('logo', () => {
    it('draws a PNG logo fitted into its box at the top right', async () => {
      // 400 × 100 black: fitted to 216 × 54 pt against the right margin, centred in the 72 pt band.
      const logo = await sharp({ create: { width: 400, height: 100, channels: 3, background: '#000000' } }).png().toBuffer();
      const cover = await renderCoverPage({ ...FIELDS, logo }, { pool });
      // 612 pixels wide: one pixel per point.
      const thumbnail = await renderThumbnail(cover.bytes, { pool, width: 612 });
      const { data, info } = await sharp(thumbnail.bytes).toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
      const at = (x: number, y: number): number => data[y * info.width + x]!;

      expect(at(450, 90)).toBeLessThan(50); // inside the logo
      expect(at(345, 66)).toBeLessThan(50); // near its top-left corner (342, 63)
      expect(at(330, 90)).toBeGreaterThan(200); // left of the box
      expect(at(450, 58)).toBeGreaterThan(200); // in the box, above the fitted logo
      expect(at(450, 122)).toBeGreaterThan(200); // in the box, below it
      expect(at(566, 90)).toBeGreaterThan(200); // in the right margin
    });

    it('accepts a JPEG and a transparent PNG, and keeps a large logo at most 300 dpi in its box', async () => {
      const photo = await makeJpeg(3000, 1000);
      const cover = await renderCoverPage({ ...FIELDS, logo: photo }, { pool });
      expect(cover.pages).toBe(1);
      // 3 × 1 in at 300 dpi is 900 × 300 pixels, a fraction of the 3000 × 1000 original.
      expect(cover.bytes.length).toBeLessThan(photo.length / 4);
      await expect(renderCoverPage({ ...FIELDS, logo: await makePng(200, 200) }, { pool })).resolves.toMatchObject({ pages: 1 });
    });

    it.each([
      ['a decompression bomb, by its header', () => pngBomb(), {}, 'IMAGE_TOO_LARGE'],
      ['a logo over a lowered pixel limit', () => makePng(1200, 1000), { maxImagePixels: 1_000_000 }, 'IMAGE_TOO_LARGE'],
      ['a logo over the file size limit', () => makeJpeg(600, 400), { maxFileBytes: 1000 }, 'FILE_TOO_LARGE'],
      ['a TIFF', () => makeTiff(1, 40, 40), {}, 'UNSUPPORTED_FORMAT'],
      ['a GIF', async () => Buffer.from('GIF89a\u0001\u0000\u0001\u0000\u0000\u0000\u0000'), {}, 'UNSUPPORTED_FORMAT'],
      ['a PDF', () => makePdf(1), {}, 'UNSUPPORTED_FORMAT'],
      ['a truncated JPEG', async () => (await makeJpeg(600, 400)).subarray(0, 3000), {}, 'UNREADABLE'],
      ['a truncated PNG', async () => (await makePng(300, 200)).subarray(0, 200), {}, 'UNREADABLE'],
      ['an empty file', async () => Buffer.alloc(0), {}, 'EMPTY_DOCUMENT'],
    ])('refuses %s', async (_label, make, limits, code) => {
      const error = await refusal(renderCoverPage({ ...FIELDS, logo: await make() }, { pool, limits }));
      expect(error.code).toBe(code);
      expect(error.message).toMatch(/^The cover page logo was refused\. /);
    });
  });
});

describe('withCoverPage and prependCoverPage', () => {
  let pool: ConversionPool;
  let document: Buffer;
  beforeAll(async () => {
    pool = createConversionPool({ size: 2 });
    document = await makePdf(3);
  });
  afterAll(() => pool.close());

  it('puts the cover in front: cover + document pages, the cover counting them all', async () => {
    const { documentPages: _ignored, ...fields } = FIELDS;
    const fax = await withCoverPage(document, fields, { pool });

    expect(fax).toMatchObject({ pages: 4, coverPages: 1 });
    const pages = await readPdfPages(pool, fax.bytes);
    expect(pages).toHaveLength(4);
    expect(pages[0]!.text).toContain('4 pages, including this cover page');
    expect(pages[0]!.text).toContain('Dr. Jane Smith, Cardiology');
    expect(pages.slice(1).map((page) => page.text)).toEqual(['Page 1', 'Page 2', 'Page 3']);
    // The fax renders: one TIFF page per PDF page.
    const tiff = await renderFaxTiff(fax.bytes, { pool, resolution: 'standard' });
    expect(readTiffPages(tiff.bytes)).toHaveLength(4);
  });

  it("keeps the document's pages untouched: content streams byte for byte, sizes, order", async () => {
    const landscape = await makePdf(2, { size: [792, 612], draw: (pdf, page) => pdf.font('Times-Roman').fontSize(30).text(`Landscape ${page}`, 100, 100) });
    const message = Array.from({ length: 40 }, (_, index) => `Line ${index + 1}`).join('\n');
    const fax = await withCoverPage(landscape, { date: '2025-03-14', message }, { pool, pageSize: 'a4' });

    expect(fax).toMatchObject({ pages: 4, coverPages: 2 });
    const pages = await readPdfPages(pool, fax.bytes);
    expect(pages.map((page) => [page.width, page.height])).toEqual([
      [595.28, 841.89],
      [595.28, 841.89],
      [792, 612],
      [792, 612],
    ]);
    expect(pages.slice(2).map((page) => page.text)).toEqual(['Landscape 1', 'Landscape 2']);
    expect((await contentStreams(fax.bytes)).slice(2)).toEqual(await contentStreams(landscape));
  });

  it('prepends any cover PDF, and a rendered one, to a document', async () => {
    const cover = await renderCoverPage(FIELDS, { pool });
    const fax = await prependCoverPage(cover.bytes, document, { pool });
    expect(fax).toMatchObject({ pages: 4, coverPages: 1 });
    const streams = await contentStreams(fax.bytes);
    expect(streams[0]).toEqual((await contentStreams(cover.bytes))[0]);
    expect(streams.slice(1)).toEqual(await contentStreams(document));

    const twoPageCover = await makePdf(2, { draw: (pdf, page) => pdf.text(`Cover ${page}`, 72, 72) });
    const merged = await prependCoverPage(twoPageCover, document, { pool });
    expect(merged).toMatchObject({ pages: 5, coverPages: 2 });
    expect((await readPdfPages(pool, merged.bytes)).map((page) => page.text)).toEqual(['Cover 1', 'Cover 2', 'Page 1', 'Page 2', 'Page 3']);
  });

  it("does not let the cover inherit a rotation from the document's page tree", async () => {
    const base = await PDFDocument.load(await makePdf(2));
    base.catalog.Pages().set(PDFName.of('Rotate'), PDFNumber.of(90));
    const rotated = Buffer.from(await base.save());
    const fax = await withCoverPage(rotated, { date: '2025-03-14' }, { pool });
    const pages = await readPdfPages(pool, fax.bytes);
    expect(pages.map((page) => [page.width, page.height])).toEqual([
      [612, 792],
      [792, 612],
      [792, 612],
    ]);
    expect(pages[0]!.text).toContain('3 pages, including this cover page');
  });

  it.each([
    ['an encrypted document', () => makePdf(2, { userPassword: 'secret' }), 'ENCRYPTED'],
    ['a document with an owner password (it cannot be rewritten)', () => makePdf(2, { ownerPassword: 'owner' }), 'ENCRYPTED'],
    ['a truncated document', async () => (await makePdf(3)).subarray(0, 900), 'UNREADABLE'],
    ['a corrupt document', async () => Buffer.from('%PDF-1.7\n' + 'garbage '.repeat(100) + '\n%%EOF\n'), 'UNREADABLE'],
    ['a text file', async () => Buffer.from('not a pdf'), 'UNREADABLE'],
    ['a document at the page limit (the cover would pass it)', () => makePdf(3), 'TOO_MANY_PAGES'],
    ['a document over the page limit', () => makePdf(4), 'TOO_MANY_PAGES'],
  ])('refuses %s', async (_label, make, code) => {
    const bytes = await make();
    const options = { pool, limits: { maxPages: 3 } };
    expect(await refusalCode(withCoverPage(bytes, { date: '2025-03-14' }, options))).toBe(code);
    expect(await refusalCode(prependCoverPage((await renderCoverPage(FIELDS, { pool })).bytes, bytes, options))).toBe(code);
  });

  it('refuses a document over the file size limit before sending it to a worker', async () => {
    expect(await refusalCode(withCoverPage(document, { date: '2025-03-14' }, { pool, limits: { maxFileBytes: 100 } }))).toBe('FILE_TOO_LARGE');
  });

  it('refuses a cover PDF that is encrypted or damaged, saying it is the cover', async () => {
    const encrypted = await refusal(prependCoverPage(await makePdf(1, { ownerPassword: 'owner' }), document, { pool }));
    expect(encrypted.code).toBe('ENCRYPTED');
    expect(encrypted.message).toMatch(/^Cover page: /);
    const damaged = await refusal(prependCoverPage(Buffer.from('%PDF-1.7\nnothing\n%%EOF\n'), document, { pool }));
    expect(damaged.code).toBe('UNREADABLE');
    expect(damaged.message).toMatch(/^Cover page: /);
  });
});
