import { maskNumber } from './mask-number';

describe('maskNumber', () => {
  it.each([
    ['+15551234567', '***4567'],
    ['(555) 123-4567', '***4567'],
    ['12', '***12'],
    ['', '***'],
  ])('masks %j to %j', (number, masked) => {
    expect(maskNumber(number)).toBe(masked);
  });
});
