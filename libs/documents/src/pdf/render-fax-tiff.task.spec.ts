import { PDFDocument as PdfLibDocument } from 'pdf-lib';
import sharp from 'sharp';
import { makePdf, makeScannedPdf, refusalCode } from '../document-fixtures.test-helpers';
import { resolveLimits, type DocumentLimits } from '../limits/document-limits';
import type { FaxResolution } from '../page-size';
import { loadPdfium } from './pdfium';
import { joinFaxTiffSegments } from '../tiff/fax-tiff.writer';
import { pagesOfPart, renderFaxTiffTask } from './render-fax-tiff.task';

// The task runs in this process here (PDFium needs no worker), so its heap can be inspected.
jest.setTimeout(120_000);

// The whole document as one part, joined into a TIFF file as renderFaxTiff joins its parts.
const render = async (pdf: Uint8Array, options: { resolution?: FaxResolution; limits?: Partial<DocumentLimits> } = {}) => {
  const input = { pdf, pageSize: 'letter', resolution: options.resolution ?? 'fine', halftone: 'threshold', compression: 'g4', limits: resolveLimits(options.limits) } as const;
  const segment = await renderFaxTiffTask({ ...input, part: { index: 0, count: 1 } });
  return { bytes: joinFaxTiffSegments([segment]), pages: segment.totalPages };
};

// Page 1 of a fax TIFF as one byte per pixel, 0 black, 255 white.
async function firstPage(tiff: Uint8Array): Promise<{ at: (x: number, y: number) => number; black: (x0: number, y0: number, x1: number, y1: number) => number }> {
  const { data, info } = await sharp(tiff).toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
  const at = (x: number, y: number): number => data[y * info.width + x]!;
  const black = (x0: number, y0: number, x1: number, y1: number): number => {
    let count = 0;
    for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) if (at(x, y) === 0) count++;
    return count;
  };
  return { at, black };
}

async function filledForm(): Promise<Uint8Array> {
  const document = await PdfLibDocument.create();
  const page = document.addPage([612, 792]);
  const field = document.getForm().createTextField('patient');
  field.setText('WWWWWWWWWWWW');
  field.addToPage(page, { x: 72, y: 600, width: 400, height: 60 });
  return document.save();
}

// The scan PDF's page drawn inside a form XObject, so its image is nested one level down.
async function nestedImage(): Promise<Uint8Array> {
  const document = await PdfLibDocument.create();
  const [embedded] = await document.embedPdf(await makeScannedPdf(1));
  document.addPage([612, 792]).drawPage(embedded!);
  return document.save();
}

describe('renderFaxTiffTask (PDFium)', () => {
  it('draws filled-in form fields', async () => {
    const { black } = await firstPage((await render(await filledForm())).bytes);
    // The field spans x 72–472 pt, y 132–192 pt from the top: 203–1332 px, 359–521 rows at fine.
    expect(black(203, 359, 1332, 521)).toBeGreaterThan(2_000);
    expect(black(0, 600, 1728, 2156)).toBe(0);
  });

  it.each([
    ['fine', 200, 2000],
    ['standard', 100, 1000],
  ] as const)('squeezes rows to the %s vertical resolution', async (resolution, inside, below) => {
    const pdf = await makePdf(1, { draw: (document) => document.rect(0, 0, 306, 396).fill('#000000') });
    const { at } = await firstPage((await render(pdf, { resolution })).bytes);
    expect(at(200, inside)).toBe(0);
    expect(at(200, below)).toBe(255);
    expect(at(1500, inside)).toBe(255);
  });

  it('turns a landscape page a quarter clockwise: its top-left corner lands top right', async () => {
    const pdf = await makePdf(1, { size: [792, 612], draw: (document) => document.rect(0, 0, 100, 100).fill('#000000') });
    const { at } = await firstPage((await render(pdf)).bytes);
    expect(at(1650, 100)).toBe(0);
    expect(at(80, 100)).toBe(255);
    expect(at(1650, 2050)).toBe(255);
  });

  it('refuses an image over the pixel limit inside a form XObject', async () => {
    expect(await refusalCode(render(await nestedImage(), { limits: { maxImagePixels: 1_000_000 } }))).toBe('IMAGE_TOO_LARGE');
    expect((await render(await nestedImage())).pages).toBe(1);
  });

  it.each([
    ['an encrypted PDF', () => makePdf(1, { userPassword: 'secret' }), 'ENCRYPTED'],
    ['a damaged PDF', async () => Buffer.from('%PDF-1.7\n' + 'x'.repeat(2000) + '\n%%EOF\n'), 'UNREADABLE'],
    ['a PDF without an end marker', async () => (await makePdf(3)).subarray(0, 900), 'UNREADABLE'],
  ])('refuses %s', async (_label, make, code) => {
    expect(await refusalCode(render(await make()))).toBe(code);
  });

  it('renders a PDF with only an owner password, as viewers do', async () => {
    expect((await render(await makePdf(2, { ownerPassword: 'owner' }))).pages).toBe(2);
  });

  it('frees every PDFium document, page and bitmap, on success and on every refusal', async () => {
    const scan = await makeScannedPdf(2);
    const form = await filledForm();
    const encrypted = await makePdf(1, { userPassword: 'secret' });
    const damaged = Buffer.from('%PDF-1.7\n' + 'x'.repeat(2000) + '\n%%EOF\n');
    const round = async (): Promise<void> => {
      await render(scan);
      await render(form);
      await render(scan, { resolution: 'standard' });
      await refusalCode(render(scan, { limits: { maxImagePixels: 1_000_000 } }));
      await refusalCode(render(scan, { limits: { maxPages: 1 } }));
      await refusalCode(render(encrypted));
      await refusalCode(render(damaged));
    };
    await round();
    const pdfium = await loadPdfium();
    const heapAfterWarmUp = pdfium.HEAPU8.length;
    // A leaked scan page or document keeps its decoded 2-megapixel image, a leaked bitmap 3.7 MB:
    // 15 rounds of leaks would grow the heap by far more than the slack allowed here.
    for (let index = 0; index < 15; index++) await round();
    expect(await loadPdfium()).toBe(pdfium);
    expect(pdfium.HEAPU8.length).toBeLessThanOrEqual(heapAfterWarmUp + 4 * 1024 * 1024);
  });

  it.each([
    [7, 3],
    [2, 3],
    [1, 2],
    [0, 2],
    [400, 2],
  ])('shares %i pages over %i parts in runs that cover each page exactly once, in order', (pageCount, count) => {
    const runs = Array.from({ length: count }, (_, index) => pagesOfPart({ index, count }, pageCount));
    expect(runs[0]!.start).toBe(0);
    expect(runs[count - 1]!.end).toBe(pageCount);
    runs.slice(1).forEach((run, index) => expect(run.start).toBe(runs[index]!.end));
    const lengths = runs.map((run) => run.end - run.start);
    expect(Math.max(...lengths) - Math.min(...lengths)).toBeLessThanOrEqual(1);
  });

  it('renders only its own part of the pages, numbered as pages of the whole document', async () => {
    const pdf = await makePdf(5);
    const part = await renderFaxTiffTask({ pdf, pageSize: 'letter', resolution: 'fine', halftone: 'threshold', compression: 'g4', limits: resolveLimits(), part: { index: 1, count: 2 } });
    expect(part).toMatchObject({ pages: 3, totalPages: 5 });
  });
});

