import { parseRetryAfter } from './retry-after';

describe('parseRetryAfter', () => {
  const now = Date.parse('Sun, 06 Nov 1994 08:49:00 GMT');

  it.each([
    ['0', 0],
    ['2', 2000],
    [' 120 ', 120_000],
    ['Sun, 06 Nov 1994 08:49:37 GMT', 37_000],
    ['Sunday, 06-Nov-94 08:49:37 GMT', 37_000],
    ['Sun Nov  6 08:49:37 1994', 37_000],
    ['Sun, 06 Nov 1994 08:48:00 GMT', 0],
  ])('%j → %i ms', (value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });

  it.each([[undefined], [null], [''], ['-1'], ['1.5'], ['soon'], ['2024-01-01'], ['Sun, 99 Foo 1994 08:49:37 GMT']])('%j → null', (value) => {
    expect(parseRetryAfter(value, now)).toBeNull();
  });
});
