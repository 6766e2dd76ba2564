import { formatSize } from './format-size';

describe('formatSize', () => {
  it.each([
    [10 * 1024 * 1024, '10 MB'],
    [1.5 * 1024 * 1024, '1.5 MB'],
    [1500, '1.5 kB'],
    [200, '200 bytes'],
  ])('formats %i as %s', (bytes, text) => {
    expect(formatSize(bytes)).toBe(text);
  });
});
