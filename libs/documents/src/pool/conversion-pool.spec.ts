import { availableParallelism } from 'node:os';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { DocumentError } from '../document.error';
import { makePdf, makeScannedPdf, numberedLines, refusalCode } from '../document-fixtures.test-helpers';
import { inspectDocument } from '../intake/inspect-document';
import { renderFaxTiff } from '../pdf/render-fax-tiff';
import { readTiffPages } from '../tiff/tiff-ifd.reader';
import { textToPdf } from '../text/text-to-pdf';
import { createConversionPool, type ConversionPool } from './conversion-pool';

jest.setTimeout(180_000);

describe('createConversionPool', () => {
  it('sizes the pool to the CPU cores unless told otherwise', async () => {
    const pool = createConversionPool();
    expect(pool.size).toBe(availableParallelism());
    await pool.close();
    expect(createConversionPool({ size: 3 }).size).toBe(3);
  });

  it.each([{ size: 0 }, { size: 1.5 }, { taskTimeoutMs: -1 }, { maxWorkerHeapMb: 0 }])('refuses options %j with INVALID_ARGUMENT', (options) => {
    expect(() => createConversionPool(options)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }) as DocumentError);
  });

  it('refuses a pool that did not come from createConversionPool', async () => {
    const fake = { size: 1, close: async () => undefined };
    expect(await refusalCode(inspectDocument(Buffer.from('x'), { pool: fake }))).toBe('INVALID_ARGUMENT');
  });
});

describe('ConversionPool', () => {
  let pool: ConversionPool;
  beforeAll(() => {
    pool = createConversionPool({ size: 2 });
  });
  afterAll(() => pool.close());

  it('queues more conversions than workers and answers each with its own result', async () => {
    const pdfs = await Promise.all([1, 2, 3, 4, 5, 6].map((pages) => makePdf(pages)));
    const results = await Promise.all(pdfs.map((pdf) => renderFaxTiff(pdf, { pool, resolution: 'standard' })));
    expect(results.map((result) => result.pages)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(results.map((result) => readTiffPages(result.bytes).length)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("keeps the caller's event loop responsive while it converts", async () => {
    const pdf = (await textToPdf(numberedLines(1200), { pool, limits: { maxPages: 100 } })).bytes;
    // Both workers are started and warm before measuring.
    await Promise.all([inspectDocument(pdf, { pool }), inspectDocument(pdf, { pool })]);

    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const started = performance.now();
    const results = await Promise.all([renderFaxTiff(pdf, { pool }), renderFaxTiff(pdf, { pool })]);
    const conversionMs = performance.now() - started;
    delay.disable();

    expect(results.map((result) => result.pages)).toEqual([22, 22]);
    const worstDelayMs = delay.max / 1e6;
    // Converting 44 pages takes seconds of CPU; rendering them on this thread would block it for
    // at least one page (~100 ms) at a time. The bound is wide so a loaded CI machine passes.
    expect(worstDelayMs).toBeLessThan(Math.max(250, conversionMs / 4));
  });
});

describe('ConversionPool failures', () => {
  it('stops a conversion past the task timeout with CONVERSION_TIMEOUT, and goes on with a new worker', async () => {
    const pool = createConversionPool({ size: 1, taskTimeoutMs: 500 });
    try {
      // 150 scanned pages take several seconds to render (a text page takes milliseconds).
      const long = await makeScannedPdf(150);
      expect(await refusalCode(renderFaxTiff(long, { pool, limits: { maxPages: 400 } }))).toBe('CONVERSION_TIMEOUT');
      await expect(inspectDocument(Buffer.from('still here'), { pool })).resolves.toMatchObject({ format: 'txt', pages: 1 });
    } finally {
      await pool.close();
    }
  });

  it('fails the conversion with CONVERSION_FAILED when a worker dies, without taking the process down', async () => {
    const pool = createConversionPool({ size: 1, maxWorkerHeapMb: 4 });
    try {
      expect(await refusalCode(renderFaxTiff(await makePdf(1), { pool }))).toBe('CONVERSION_FAILED');
    } finally {
      await pool.close();
    }
  });

  it('fails queued and running conversions with POOL_CLOSED on close, and refuses new ones', async () => {
    const pool = createConversionPool({ size: 1 });
    const pdf = await makePdf(3);
    const running = refusalCode(renderFaxTiff(pdf, { pool }));
    const queued = refusalCode(renderFaxTiff(pdf, { pool }));
    await pool.close();
    expect(await running).toBe('POOL_CLOSED');
    expect(await queued).toBe('POOL_CLOSED');
    expect(await refusalCode(renderFaxTiff(pdf, { pool }))).toBe('POOL_CLOSED');
  });
});
