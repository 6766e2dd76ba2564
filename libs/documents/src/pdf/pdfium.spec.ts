import { DocumentError } from '../document.error';
import { makePdf, refusalCode } from '../document-fixtures.test-helpers';
import { resolveLimits } from '../limits/document-limits';
import { loadPdfium, usePdfium } from './pdfium';
import { renderFaxTiffTask } from './render-fax-tiff.task';

jest.setTimeout(60_000);

// A handle far outside PDFium's heap: PDFium dereferences it and WebAssembly traps.
const BAD_HANDLE = 0x7ffffff0;

describe('usePdfium', () => {
  const render = async (): Promise<number> =>
    (await renderFaxTiffTask({ pdf: await makePdf(1), pageSize: 'letter', resolution: 'fine', halftone: 'threshold', compression: 'g4', limits: resolveLimits(), part: { index: 0, count: 1 } })).pages;

  it('fails the conversion with CONVERSION_FAILED on a WebAssembly trap, and the next one gets a fresh PDFium', async () => {
    const before = await loadPdfium();
    expect(await refusalCode(usePdfium((pdfium) => pdfium._FPDF_GetPageCount(BAD_HANDLE)))).toBe('CONVERSION_FAILED');
    const after = await loadPdfium();
    expect(after).not.toBe(before);
    expect(await render()).toBe(1);
  });

  it('writes nothing to the console when PDFium fails on a document (no document content in logs)', async () => {
    const spies = (['log', 'info', 'warn', 'error'] as const).map((method) => jest.spyOn(console, method).mockImplementation(() => undefined));
    try {
      await refusalCode(usePdfium((pdfium) => pdfium._FPDF_GetPageCount(BAD_HANDLE)));
      const damaged = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
      await refusalCode(renderFaxTiffTask({ pdf: damaged, pageSize: 'letter', resolution: 'fine', halftone: 'threshold', compression: 'g4', limits: resolveLimits(), part: { index: 0, count: 1 } }));
      for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });

  it('passes refusals through and keeps the module', async () => {
    const before = await loadPdfium();
    expect(await refusalCode(usePdfium(() => { throw new DocumentError('UNREADABLE', 'damaged'); }))).toBe('UNREADABLE');
    expect(await loadPdfium()).toBe(before);
  });

  it('drops a module whose heap grew past 256 MB once its conversion is done, so the memory is given back', async () => {
    const before = await loadPdfium();
    await usePdfium((pdfium) => pdfium._free(pdfium._malloc(300 * 1024 * 1024)));
    const after = await loadPdfium();
    expect(after).not.toBe(before);
    expect(after.HEAPU8.length).toBeLessThan(256 * 1024 * 1024);
    expect(await render()).toBe(1);
  });
});
