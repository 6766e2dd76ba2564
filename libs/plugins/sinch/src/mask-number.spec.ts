import { maskNumber } from './mask-number';

describe('maskNumber', () => {
  it.each([
    ['+15551234567', '***4567'],
    ['(555) 123-4567', '***4567'],
    ['', '(none)'],
    [null, '(none)'],
  ])('masks %s as %s', (number, masked) => {
    expect(maskNumber(number)).toBe(masked);
  });
});
