import { makeJpeg, makePdf, makePng, makeTiff, readPdfPages, refusalCode } from '../document-fixtures.test-helpers';
import { createConversionPool, type ConversionPool } from '../pool/conversion-pool';
import { documentToPdf } from './document-to-pdf';

jest.setTimeout(120_000);

describe('documentToPdf', () => {
  let pool: ConversionPool;
  beforeAll(() => {
    pool = createConversionPool({ size: 2 });
  });
  afterAll(() => pool.close());

  it('returns a PDF unchanged', async () => {
    const pdf = await makePdf(3);
    const result = await documentToPdf(pdf, { pool });
    expect(result).toMatchObject({ format: 'pdf', pages: 3 });
    expect(result.bytes.equals(pdf)).toBe(true);
  });

  it.each([
    ['text', async () => Buffer.from('Hello fax'), 'txt', 1],
    ['a PNG', () => makePng(100, 100), 'png', 1],
    ['a JPEG', () => makeJpeg(100, 100), 'jpeg', 1],
    ['a TIFF', () => makeTiff(2, 100, 100), 'tiff', 2],
  ])('converts %s', async (_label, make, format, pages) => {
    const result = await documentToPdf(await make(), { pool, pageSize: 'a4' });
    expect(result).toMatchObject({ format, pages });
    const read = await readPdfPages(pool, result.bytes);
    expect(read).toHaveLength(pages);
    expect(read[0]).toMatchObject({ width: 595.28, height: 841.89 });
  });

  it('refuses what inspection refuses', async () => {
    expect(await refusalCode(documentToPdf(await makePdf(1, { userPassword: 'x' }), { pool }))).toBe('ENCRYPTED');
    expect(await refusalCode(documentToPdf(Buffer.from([1, 2, 3, 0]), { pool }))).toBe('UNSUPPORTED_FORMAT');
  });
});
