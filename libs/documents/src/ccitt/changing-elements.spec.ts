import { bilevelOfRows } from './bilevel-fixtures.test-helpers';
import { CHANGE_SENTINELS, findChangingElements } from './changing-elements';

function changesOf(row: number[]): number[] {
  const page = bilevelOfRows([row]);
  const changes = new Int32Array(row.length + CHANGE_SENTINELS);
  const count = findChangingElements(page.bits, 0, row.length, changes);
  expect([...changes.subarray(count, count + CHANGE_SENTINELS)]).toEqual([row.length, row.length, row.length]);
  return [...changes.subarray(0, count)];
}

const row = (text: string): number[] => [...text].map(Number);

describe('findChangingElements', () => {
  it.each([
    ['0000000000', []],
    ['1111111111', [0]],
    ['0001100000', [3, 5]],
    ['1000000001', [0, 1, 9]],
    ['0101010101', [1, 2, 3, 4, 5, 6, 7, 8, 9]],
    ['1', [0]],
    ['0', []],
    ['00000000' + '11111111' + '0', [8, 16]],
    ['0000000' + '1' + '1' + '0000000', [7, 9]],
  ])('finds the changes of %s', (text, expected) => {
    expect(changesOf(row(text))).toEqual(expected);
  });

  it('ignores the padding bits after a row that ends black', () => {
    expect(changesOf(row('0000111111111'))).toEqual([4]);
  });
});
