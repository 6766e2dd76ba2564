import fc from 'fast-check';
import type { FaxCompression } from '../tiff/fax-page.encoder';
import { bilevelOfRows, firstDifference, roundTrip } from './bilevel-fixtures.test-helpers';

jest.setTimeout(180_000);

// How a row is made: from alternating runs, or from the row above, shifted sideways or with a few
// pixels flipped, so the 2-D coder meets every relation between neighbouring rows.
type RowRecipe = { kind: 'runs'; blackFirst: boolean; runs: number[] } | { kind: 'shift'; by: number } | { kind: 'flip'; at: number[] };

const recipe = (width: number): fc.Arbitrary<RowRecipe> =>
  fc.oneof(
    fc.record({ kind: fc.constant('runs' as const), blackFirst: fc.boolean(), runs: fc.array(fc.integer({ min: 1, max: width }), { maxLength: 40 }) }),
    fc.record({ kind: fc.constant('shift' as const), by: fc.integer({ min: -6, max: 6 }) }),
    fc.record({ kind: fc.constant('flip' as const), at: fc.array(fc.integer({ min: 0, max: width - 1 }), { minLength: 1, maxLength: 6 }) }),
  );

function buildRows(width: number, recipes: RowRecipe[]): number[][] {
  const rows: number[][] = [];
  for (const step of recipes) {
    const above = rows.at(-1) ?? new Array<number>(width).fill(0);
    if (step.kind === 'runs') {
      const row: number[] = [];
      let colour = step.blackFirst ? 1 : 0;
      for (const run of step.runs) {
        for (let pixel = 0; pixel < run && row.length < width; pixel++) row.push(colour);
        colour ^= 1;
      }
      while (row.length < width) row.push(colour);
      rows.push(row);
    } else if (step.kind === 'shift') {
      rows.push(above.map((_pixel, x) => above[Math.min(width - 1, Math.max(0, x - step.by))]!));
    } else {
      const row = [...above];
      for (const x of step.at) row[x] ^= 1;
      rows.push(row);
    }
  }
  return rows;
}

const page = fc
  .oneof(fc.integer({ min: 1, max: 200 }), fc.constantFrom(1728, 2048, 2432, 2560))
  .chain((width) => fc.array(recipe(width), { minLength: 1, maxLength: 16 }).map((recipes) => bilevelOfRows(buildRows(width, recipes))));

describe('CCITT page coding on random rows (property)', () => {
  it.each<FaxCompression>(['g4', 'g3', 'g3-2d'])('%s: libtiff decodes every page back to the same pixels', async (compression) => {
    await fc.assert(
      fc.asyncProperty(page, async (bilevel) => {
        const [decoded] = await roundTrip([bilevel], compression);
        expect(firstDifference(decoded!, bilevel)).toBe('same');
      }),
      { numRuns: 400 },
    );
  });
});
