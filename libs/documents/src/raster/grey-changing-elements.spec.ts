import fc from 'fast-check';
import { packedRows } from '../ccitt/changing-element-rows';
import { CHANGE_SENTINELS } from '../ccitt/changing-elements';
import { decodeWithLibtiff, firstDifference } from '../ccitt/bilevel-fixtures.test-helpers';
import { resolveLimits } from '../limits/document-limits';
import { faxPageGeometry } from '../page-size';
import { usePdfium } from '../pdf/pdfium';
import { PdfiumBitmap } from '../pdf/pdfium-bitmap';
import { PdfiumDocument } from '../pdf/pdfium-document';
import { renderPdfiumPage } from '../pdf/pdfium-render-page';
import { encodeFaxPage, encodeFaxRows, FAX_COMPRESSIONS } from '../tiff/fax-page.encoder';
import { writeFaxTiff } from '../tiff/fax-tiff.writer';
import { findGreyChangingElements, greyWords, thresholdedGreyRows } from './grey-changing-elements';
import { allChanges, greyPage, pdfiumPageFixtures, shifted } from './grey-pages.test-helpers';
import { thresholdGrey } from './threshold-grey';

jest.setTimeout(120_000);

describe('findGreyChangingElements', () => {
  it.each([
    ['white', [255, 255, 255, 255, 255, 255, 255, 255], []],
    ['black', [0, 0, 0, 0, 0, 0, 0, 0], [0]],
    ['160 is white, 159 black', [160, 159, 160, 160, 159, 159, 255, 161], [1, 2, 4, 6]],
    ['a change on every pixel', [0, 255, 0, 255, 0, 255, 0, 255, 0], [0, 1, 2, 3, 4, 5, 6, 7, 8]],
    ['black to the end of a word', [255, 255, 255, 0, 0, 0, 0, 255], [3, 7]],
  ])('finds the changes of a row: %s', (_label, row, expected) => {
    for (let shift = 0; shift < 4; shift++) {
      const grey = shifted(Uint8Array.from(row), shift);
      const changes = new Int32Array(row.length + CHANGE_SENTINELS);
      const count = findGreyChangingElements(grey, greyWords(grey), 0, row.length, changes);
      expect([...changes.subarray(0, count)]).toEqual(expected);
      expect([...changes.subarray(count, count + CHANGE_SENTINELS)]).toEqual([row.length, row.length, row.length]);
    }
  });

  it('reads bytes only when the buffer is too short for a whole word', () => {
    const grey = Uint8Array.from([255, 0, 255]);
    expect(greyWords(grey.subarray(1))).toBeUndefined();
    expect(allChanges(thresholdedGreyRows(grey, 3, 1))).toEqual([[1, 2, 3, 3, 3]]);
  });

  it('refuses a buffer smaller than the raster', () => {
    expect(() => thresholdedGreyRows(new Uint8Array(10), 4, 3)).toThrow(RangeError);
  });

  it('gives the changes of thresholdGrey + findChangingElements on random grey pages (property)', () => {
    fc.assert(
      fc.property(greyPage, ({ width, height, grey }) => {
        expect(allChanges(thresholdedGreyRows(grey, width, height))).toEqual(allChanges(packedRows(thresholdGrey(grey, width, height))));
      }),
      { numRuns: 500 },
    );
  });
});

describe('coding a grey page without packing it (encodeFaxRows of thresholdedGreyRows)', () => {
  it.each(FAX_COMPRESSIONS)('%s: the same bytes as packing first, on random grey pages (property)', (compression) => {
    fc.assert(
      fc.property(greyPage, ({ width, height, grey }) => {
        const direct = encodeFaxRows(thresholdedGreyRows(grey, width, height), compression, 196);
        expect(direct).toEqual(encodeFaxPage(thresholdGrey(grey, width, height), compression, 196));
      }),
      { numRuns: 200 },
    );
  });

  it.each(pdfiumPageFixtures)('%s: the same bytes for every coding and resolution, and libtiff decodes the threshold', async (_label, make) => {
    const pdf = await make();
    for (const resolution of ['fine', 'standard'] as const) {
      const box = faxPageGeometry('a4', resolution);
      const grey = await usePdfium((pdfium) => {
        const document = PdfiumDocument.open(pdfium, pdf, resolveLimits());
        const bitmap = PdfiumBitmap.create(pdfium, box.width, box.height, 'grey');
        try {
          renderPdfiumPage(document, 0, bitmap, box, resolveLimits().maxImagePixels);
          return Uint8Array.from(bitmap.pixels());
        } finally {
          bitmap.destroy();
          document.close();
        }
      });
      const packed = thresholdGrey(grey, box.width, box.height);
      for (const compression of FAX_COMPRESSIONS) {
        const direct = encodeFaxRows(thresholdedGreyRows(grey, box.width, box.height), compression, box.yDpi);
        expect(direct).toEqual(encodeFaxPage(packed, compression, box.yDpi));
        const [decoded] = await decodeWithLibtiff(writeFaxTiff([direct], box));
        expect(firstDifference(decoded!, packed)).toBe('same');
      }
    }
  });
});
