import fc from 'fast-check';
import { DocumentError, type DocumentErrorCode } from '../document.error';
import { makeJpeg, makePdf, makePng, makeScannedPdf, makeTiff, numberedLines } from '../document-fixtures.test-helpers';
import { renderFaxTiff } from '../pdf/render-fax-tiff';
import { createConversionPool, type ConversionPool } from '../pool/conversion-pool';
import { inspectDocument } from './inspect-document';

jest.setTimeout(180_000);

// The refusals a hostile or broken upload may get. Anything else (CONVERSION_FAILED above all,
// which is what a crashed worker gives) means intake broke on the input.
const REFUSALS: ReadonlySet<DocumentErrorCode> = new Set([
  'FILE_TOO_LARGE',
  'UNSUPPORTED_FORMAT',
  'EMPTY_DOCUMENT',
  'UNREADABLE',
  'ENCRYPTED',
  'TOO_MANY_PAGES',
  'IMAGE_TOO_LARGE',
  'UNSUPPORTED_CHARACTERS',
]);
const LIMITS = { maxPages: 20, maxImagePixels: 4_000_000, maxFileBytes: 1_000_000 };
const MAGIC = ['%PDF-1.7\n', '\x89PNG\r\n\x1a\n', '\xff\xd8\xff\xe0', 'II*\x00', 'MM\x00*'].map((magic) => Buffer.from(magic, 'latin1'));

describe('inspectDocument on hostile input (property)', () => {
  let pool: ConversionPool;
  let seeds: Buffer[];
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown): void => {
    unhandled.push(reason);
  };

  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled);
    pool = createConversionPool({ size: 2 });
    const pdf = await makePdf(3);
    seeds = [
      pdf,
      await makeScannedPdf(1),
      await makePdf(1, { userPassword: 'x' }),
      (await renderFaxTiff(pdf, { pool, resolution: 'standard' })).bytes,
      await makeTiff(2, 60, 40),
      await makePng(60, 40),
      await makeJpeg(60, 40),
      Buffer.from(numberedLines(30)),
      Buffer.from('Résumé — “ok” €\f\tEnd'),
    ];
  });
  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    await pool.close();
    expect(unhandled).toEqual([]);
  });

  async function outcome(bytes: Buffer): Promise<void> {
    try {
      const inspected = await inspectDocument(bytes, { pool, limits: LIMITS });
      expect(['pdf', 'txt', 'png', 'jpeg', 'tiff']).toContain(inspected.format);
      expect(inspected.pages).toBeGreaterThanOrEqual(1);
      expect(inspected.pages).toBeLessThanOrEqual(LIMITS.maxPages);
    } catch (error) {
      if (!DocumentError.is(error) || !REFUSALS.has(error.code)) throw error;
    }
  }

  const seed = (): fc.Arbitrary<Buffer> => fc.integer({ min: 0, max: seeds.length - 1 }).map((index) => seeds[index]!);
  // A position anywhere in a file, uniformly (fast-check otherwise favours the small ones).
  const fraction = (): fc.Arbitrary<number> => fc.noBias(fc.integer({ min: 0, max: 999_999 })).map((value) => value / 1_000_000);

  it('gives a coded refusal or a result for random bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), (bytes) => outcome(Buffer.from(bytes))),
      { numRuns: 600 },
    );
  });

  it('gives a coded refusal or a result for every truncation of real files', async () => {
    await fc.assert(
      fc.asyncProperty(seed(), fraction(), (file, cut) => outcome(file.subarray(0, Math.floor(file.length * cut)))),
      { numRuns: 600 },
    );
  });

  it('gives a coded refusal or a result for real files with corrupted bytes', async () => {
    await fc.assert(
      fc.asyncProperty(seed(), fc.array(fc.tuple(fraction(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }), (file, changes) => {
        const corrupted = Buffer.from(file);
        for (const [where, value] of changes) corrupted[Math.floor(where * corrupted.length)] = value;
        return outcome(corrupted);
      }),
      { numRuns: 600 },
    );
  });

  it('gives a coded refusal or a result for a format signature followed by junk', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...MAGIC), fc.uint8Array({ maxLength: 1024 }), fc.boolean(), (magic, junk, endMarker) =>
        outcome(Buffer.concat([magic, Buffer.from(junk), Buffer.from(endMarker ? '\n%%EOF\n' : '')])),
      ),
      { numRuns: 600 },
    );
  });

  it('gives a coded refusal or a result for any Unicode text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 300 }), (text) => outcome(Buffer.from(text, 'utf8'))),
      { numRuns: 600 },
    );
  });
});
