import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import loadWabt from 'wabt';
import { resolveLimits } from '../limits/document-limits';
import { faxPageGeometry } from '../page-size';
import { usePdfium } from '../pdf/pdfium';
import { PdfiumBitmap } from '../pdf/pdfium-bitmap';
import { PdfiumDocument } from '../pdf/pdfium-document';
import { PdfiumGreyCoder } from '../pdf/pdfium-grey-coder';
import { renderPdfiumPage } from '../pdf/pdfium-render-page';
import { encodeFaxRows, FAX_COMPRESSIONS } from '../tiff/fax-page.encoder';
import { wasmRuntime } from '../wasm-runtime';
import { GREY_CODER_SIMD_WASM } from './grey-coder.simd.wasm';
import { thresholdedGreyRows } from './grey-changing-elements';
import { allChanges, greyPage, pdfiumPageFixtures } from './grey-pages.test-helpers';
import { SimdGreyCoder } from './simd-grey-coder';

jest.setTimeout(120_000);

// A memory of its own for the coder: scratch at 0, the page from 64 KiB plus `shift` bytes.
function inMemory(grey: Uint8Array, width: number, height: number, shift: number): { coder: SimdGreyCoder; grey: Uint8Array; memory: Uint8Array } {
  const memory = new wasmRuntime.Memory({ initial: 4 });
  const at = 65_536 + shift;
  const view = new Uint8Array(memory.buffer, at, grey.length);
  view.set(grey);
  expect(SimdGreyCoder.scratchBytes(width, height)).toBeLessThan(65_536);
  return { coder: SimdGreyCoder.create(memory, 0, width, height)!, grey: view, memory: new Uint8Array(memory.buffer) };
}

// What the JavaScript coder makes of the same page: G4 as one strip.
const javascriptG4 = (grey: Uint8Array, width: number, height: number): Buffer => encodeFaxRows(thresholdedGreyRows(grey, width, height), 'g4', 196).strips[0]!;

describe('SimdGreyCoder', () => {
  it('runs the committed WebAssembly, compiled from grey-coder.simd.wat as it is now', async () => {
    const wabt = await loadWabt();
    const module = wabt.parseWat('grey-coder.simd.wat', readFileSync(join(__dirname, 'grey-coder.simd.wat'), 'utf8'), { simd: true });
    try {
      expect(Buffer.from(module.toBinary({}).buffer).equals(GREY_CODER_SIMD_WASM)).toBe(true);
    } finally {
      module.destroy();
    }
  });

  it.each([
    ['white', [255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255], []],
    ['black', new Array<number>(33).fill(0), [0]],
    ['160 is white, 159 black', [160, 159, 160, 160, 159, 159, 255, 161], [1, 2, 4, 6]],
    ['black across a 16-pixel boundary', [...new Array<number>(14).fill(255), 0, 0, 0, 0, 255], [14, 18]],
    ['black from pixel 16 to the end', [...new Array<number>(16).fill(255), 0, 0, 0], [16]],
  ])('finds the changes of a row: %s', (_label, row, expected) => {
    const { coder, grey } = inMemory(Uint8Array.from(row), row.length, 1, 3);
    expect(allChanges(coder.rows(grey, row.length, 1)!)).toEqual([[...expected, row.length, row.length, row.length]]);
  });

  it('gives the changes thresholdedGreyRows gives, on random grey pages at every alignment (property)', () => {
    fc.assert(
      fc.property(greyPage, fc.integer({ min: 0, max: 15 }), ({ width, height, grey }, shift) => {
        const placed = inMemory(grey, width, height, shift);
        expect(allChanges(placed.coder.rows(placed.grey, width, height)!)).toEqual(allChanges(thresholdedGreyRows(grey, width, height)));
      }),
      { numRuns: 500 },
    );
  });

  it('codes G4 to the bytes of the JavaScript coder, on random grey pages at every alignment (property)', () => {
    fc.assert(
      fc.property(greyPage, fc.integer({ min: 0, max: 15 }), ({ width, height, grey }, shift) => {
        const placed = inMemory(grey, width, height, shift);
        expect(placed.coder.encodeG4(placed.grey, width, height)).toEqual(javascriptG4(grey, width, height));
      }),
      { numRuns: 500 },
    );
  });

  it('codes runs longer than the longest make-up code, and pages ending black', () => {
    const width = 6000;
    const grey = new Uint8Array(width * 3).fill(255);
    grey.fill(0, 10, 5900); // black for 5890 pixels: make-up codes 2560, 2560, 704
    grey.fill(0, 2 * width + 3000); // the last row black from 3000 to its end
    const placed = inMemory(grey, width, 3, 1);
    expect(placed.coder.encodeG4(placed.grey, width, 3)).toEqual(javascriptG4(grey, width, 3));
  });

  it('gives up, writing nothing past its output room, when a page codes larger than the room', () => {
    // Room for an 8-row page (4 KB); 64 rows of noise code to far more.
    const width = 1728;
    let seed = 7;
    const noise = Uint8Array.from({ length: width * 64 }, () => (((seed = (seed * 1103515245 + 12345) & 0x7fffffff) >> 16) % 2 === 0 ? 0 : 255));
    const memory = new wasmRuntime.Memory({ initial: 4 });
    const scratchBytes = SimdGreyCoder.scratchBytes(width, 8);
    const bytes = new Uint8Array(memory.buffer);
    bytes.fill(0xa5, scratchBytes, scratchBytes + 64); // a canary right after the scratch area
    const page = new Uint8Array(memory.buffer, 131_072, noise.length);
    page.set(noise);
    const coder = SimdGreyCoder.create(memory, 0, width, 8)!;
    expect(coder.encodeG4(page, width, 64)).toBeUndefined();
    expect([...bytes.subarray(scratchBytes, scratchBytes + 64)].every((byte) => byte === 0xa5)).toBe(true);
    // Pure noise codes to more than twice the packed page, so even a coder sized for it declines;
    // blocks of 8 pixels fit, and come out as the JavaScript coder writes them.
    const sized = SimdGreyCoder.create(memory, 0, width, 64)!;
    expect(SimdGreyCoder.scratchBytes(width, 64)).toBeLessThan(131_072);
    expect(sized.encodeG4(page, width, 64)).toBeUndefined();
    const blocks = noise.map((_value, index) => noise[index & ~7]!);
    page.set(blocks);
    expect(sized.encodeG4(page, width, 64)).toEqual(javascriptG4(blocks, width, 64));
  });

  it('declines pixels outside its memory, a buffer smaller than the raster and rows wider than it was made for', () => {
    const { coder, grey } = inMemory(new Uint8Array(64).fill(255), 8, 8, 0);
    expect(coder.rows(new Uint8Array(64), 8, 8)).toBeUndefined();
    expect(coder.rows(grey, 8, 9)).toBeUndefined();
    expect(coder.encodeG4(grey, 8, 9)).toBeUndefined();
    expect(coder.encodeG4(grey, 32, 2)).toBeUndefined();
    expect(coder.rows(grey, 8, 8)).toBeDefined();
    expect(coder.encodeG4(grey, 8, 8)).toEqual(javascriptG4(new Uint8Array(64).fill(255), 8, 8));
  });
});

describe('PdfiumGreyCoder', () => {
  it.each(pdfiumPageFixtures)('%s: codes with SIMD in PDFium heap, the same bytes as the JavaScript coder for every compression', async (_label, make) => {
    const pdf = await make();
    const box = faxPageGeometry('letter', 'fine');
    await usePdfium((pdfium) => {
      const document = PdfiumDocument.open(pdfium, pdf, resolveLimits());
      const bitmap = PdfiumBitmap.create(pdfium, box.width, box.height, 'grey');
      const coder = PdfiumGreyCoder.create(pdfium, box.width, box.height);
      try {
        expect(coder.usesSimd).toBe(true);
        renderPdfiumPage(document, 0, bitmap, box, resolveLimits().maxImagePixels);
        const grey = bitmap.pixels();
        for (const compression of FAX_COMPRESSIONS) {
          expect(coder.encode(grey, box.width, box.height, compression, box.yDpi)).toEqual(
            encodeFaxRows(thresholdedGreyRows(grey, box.width, box.height), compression, box.yDpi),
          );
        }
        // Pixels outside PDFium's heap are coded by the JavaScript coder, to the same bytes.
        const copy = Uint8Array.from(grey);
        expect(coder.encode(copy, box.width, box.height, 'g4', box.yDpi)).toEqual(encodeFaxRows(thresholdedGreyRows(copy, box.width, box.height), 'g4', box.yDpi));
      } finally {
        coder.destroy();
        coder.destroy();
        bitmap.destroy();
        document.close();
      }
    });
  });
});
