import fc from 'fast-check';
import { makePdf, makeScannedPdf } from '../document-fixtures.test-helpers';
import { CHANGE_SENTINELS } from '../ccitt/changing-elements';
import type { ChangingElementRows } from '../ccitt/changing-element-rows';

// The changing elements of every row, as the coders read them, sentinels included.
export function allChanges(rows: ChangingElementRows): number[][] {
  const changes = new Int32Array(rows.width + CHANGE_SENTINELS);
  return Array.from({ length: rows.height }, (_, row) => [...changes.subarray(0, rows.changesOfRow(row, changes) + CHANGE_SENTINELS)]);
}

// `grey` copied to `shift` bytes past a 4-byte boundary, so rows start at every alignment.
export function shifted(grey: Uint8Array, shift: number): Uint8Array {
  const backing = new Uint8Array(grey.length + shift);
  backing.set(grey, shift);
  return backing.subarray(shift);
}

// Mostly white and black, as a page is, with greys on both sides of the threshold and exactly at it.
const pixel = fc.oneof(
  { weight: 6, arbitrary: fc.constant(255) },
  { weight: 2, arbitrary: fc.constant(0) },
  { weight: 1, arbitrary: fc.constantFrom(159, 160, 161) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 255 }) },
);
// Pixels in runs, so words of four equal pixels and changes inside words both occur.
export const greyPage = fc
  .record({ width: fc.oneof(fc.integer({ min: 1, max: 70 }), fc.constantFrom(1728, 2048)), height: fc.integer({ min: 1, max: 5 }), shift: fc.integer({ min: 0, max: 3 }) })
  .chain(({ width, height, shift }) =>
    fc.array(fc.record({ value: pixel, run: fc.integer({ min: 1, max: 40 }) }), { minLength: 1, maxLength: 200 }).map((runs) => {
      const grey = new Uint8Array(width * height);
      let at = 0;
      for (let index = 0; at < grey.length; index = (index + 1) % runs.length) {
        const { value, run } = runs[index]!;
        grey.fill(value, at, at + run);
        at += run;
      }
      return { width, height, grey: shifted(grey, shift) };
    }),
  );

// Pages as PDFium draws them: text in several sizes, hairlines, grey fills, a scan.
export const pdfiumPageFixtures: [string, () => Promise<Buffer>][] = [
  [
    'text, hairlines and grey fills',
    () =>
      makePdf(1, {
        draw: (document) => {
          document.font('Courier').fontSize(10).text('The quick brown fox jumps over the lazy dog. '.repeat(40), 54, 54);
          document.font('Times-Roman').fontSize(4).text('tiny print '.repeat(200), 54, 400);
          for (let line = 0; line < 20; line++) document.moveTo(60 + line * 7, 500).lineTo(300 + line * 11, 700).lineWidth(0.1 + line * 0.05).stroke();
          document.rect(320, 480, 200, 100).fill('#999999');
          document.rect(320, 600, 200, 100).fill('#a0a0a0');
        },
      }),
  ],
  ['a scanned photograph', () => makeScannedPdf(1)],
];
