import fc from 'fast-check';
import { layoutText, textGrid } from './text-layout';

const grid = { columns: 20, linesPerPage: 5 };

describe('layoutText', () => {
  it.each([
    ['letter', { columns: 84, linesPerPage: 57 }],
    ['a4', { columns: 81, linesPerPage: 61 }],
  ] as const)('fits %s pages', (pageSize, expected) => {
    expect(textGrid(pageSize)).toEqual(expected);
  });

  it('wraps a long line at the last space that fits', () => {
    expect(layoutText('the quick brown fox jumps over the lazy dog', grid)).toEqual([['the quick brown fox', 'jumps over the lazy', 'dog']]);
  });

  it('splits a word longer than a line into line-long pieces', () => {
    expect(layoutText(`go ${'x'.repeat(45)} end`, grid)).toEqual([['go', 'x'.repeat(20), 'x'.repeat(20), 'xxxxx end']]);
  });

  it('expands tabs to 8-column stops and keeps indentation', () => {
    expect(layoutText('a\tb\n\tc\n  d', grid)).toEqual([['a       b', '        c', '  d']]);
  });

  it('starts a new page on a form feed and when a page is full', () => {
    expect(layoutText('1\n2\n3\n4\n5\n6\f7', grid)).toEqual([['1', '2', '3', '4', '5'], ['6'], ['7']]);
  });

  it('drops trailing blank pages and gives none for blank text', () => {
    expect(layoutText('one\n\n\f\n', grid)).toEqual([['one', '']]);
    expect(layoutText(' \n\f\n\t', grid)).toEqual([]);
  });

  it('paginates a 500-line text into full pages', () => {
    const text = Array.from({ length: 500 }, (_, index) => `line ${index + 1}`).join('\n') + '\n';
    const pages = layoutText(text, textGrid('letter'));
    expect(pages).toHaveLength(Math.ceil(500 / 57));
    expect(pages.slice(0, -1).every((page) => page.length === 57)).toBe(true);
    expect(pages.flat()).toHaveLength(500);
  });

  it('never loses a character and never overflows a line or a page (property)', () => {
    const printable = fc.constantFrom(...'abc xyz-., \t\n\f'.split(''), 'é', '€', 'W');
    fc.assert(
      fc.property(fc.array(printable, { maxLength: 400 }).map((chars) => chars.join('')), fc.integer({ min: 8, max: 90 }), fc.integer({ min: 1, max: 60 }), (text, columns, linesPerPage) => {
        const pages = layoutText(text, { columns, linesPerPage });
        const lines = pages.flat();
        expect(lines.every((line) => line.length <= columns)).toBe(true);
        expect(pages.every((page) => page.length <= linesPerPage)).toBe(true);
        expect(lines.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
      }),
      { numRuns: 1000 },
    );
  });
});
