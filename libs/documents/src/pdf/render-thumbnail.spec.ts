import sharp from 'sharp';
import { makePdf, makeScannedPdf, refusalCode } from '../document-fixtures.test-helpers';
import { createConversionPool, type ConversionPool } from '../pool/conversion-pool';
import { renderThumbnail } from './render-thumbnail';

jest.setTimeout(120_000);

describe('renderThumbnail', () => {
  let pool: ConversionPool;
  beforeAll(() => {
    pool = createConversionPool({ size: 1 });
  });
  afterAll(() => pool.close());

  it.each([
    [undefined, 200, 259],
    [120, 120, 155],
  ])('renders page 1 as a PNG %s pixels wide', async (width, expectedWidth, expectedHeight) => {
    const pdf = await makePdf(3, { draw: (document) => document.rect(0, 0, 612, 396).fill('#000000') });
    const thumbnail = await renderThumbnail(pdf, { pool, ...(width === undefined ? {} : { width }) });

    expect(thumbnail).toMatchObject({ width: expectedWidth, height: expectedHeight });
    const metadata = await sharp(thumbnail.bytes).metadata();
    expect(metadata).toMatchObject({ format: 'png', width: expectedWidth, height: expectedHeight });
    const { data, info } = await sharp(thumbnail.bytes).toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
    expect(data[10 * info.width + 10]).toBeLessThan(50);
    expect(data[(info.height - 10) * info.width + 10]).toBeGreaterThan(200);
  });

  it.each([0, 15, 2001, 10.5])('refuses width %s with INVALID_ARGUMENT', async (width) => {
    expect(await refusalCode(renderThumbnail(await makePdf(1), { pool, width }))).toBe('INVALID_ARGUMENT');
  });

  it('refuses an encrypted PDF', async () => {
    expect(await refusalCode(renderThumbnail(await makePdf(1, { userPassword: 'x' }), { pool }))).toBe('ENCRYPTED');
  });

  it('refuses a page holding an image over the pixel limit', async () => {
    expect(await refusalCode(renderThumbnail(await makeScannedPdf(1), { pool, limits: { maxImagePixels: 1_000_000 } }))).toBe('IMAGE_TOO_LARGE');
  });

  it('turns a landscape page to portrait, its top-left corner top right', async () => {
    const pdf = await makePdf(1, { size: [792, 612], draw: (document) => document.rect(0, 0, 200, 200).fill('#000000') });
    const thumbnail = await renderThumbnail(pdf, { pool });
    const { data, info } = await sharp(thumbnail.bytes).toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
    expect(info).toMatchObject({ width: 200, height: 259 });
    expect(data[20 * info.width + 180]).toBeLessThan(50);
    expect(data[20 * info.width + 20]).toBeGreaterThan(200);
  });
});
