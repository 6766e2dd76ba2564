import { isCountryCode, splitCountryCode } from './country-codes';

describe('splitCountryCode', () => {
  it.each([
    ['15551234567', '1', '5551234567'],
    ['74951234567', '7', '4951234567'],
    ['442079460018', '44', '2079460018'],
    ['35312345678', '353', '12345678'],
    ['9715012345', '971', '5012345'],
  ])('splits %s into %s and %s', (digits, countryCode, rest) => {
    expect(splitCountryCode(digits)).toEqual({ ok: true, countryCode, rest });
  });

  it.each([
    ['0441234', 'LEADING_ZERO'],
    ['281234567', 'SPARE_COUNTRY_CODE'],
    ['4', 'TOO_SHORT'],
    ['353', 'TOO_SHORT'],
  ])('refuses %s: %s', (digits, reason) => {
    expect(splitCountryCode(digits)).toEqual({ ok: false, reason });
  });
});

describe('isCountryCode', () => {
  it.each([['1'], ['44'], ['353'], ['7']])('accepts %s', (code) => expect(isCountryCode(code)).toBe(true));
  it.each([[''], ['0'], ['12'], ['4412'], ['83'], ['35'], ['a1']])('refuses %p', (code) => expect(isCountryCode(code)).toBe(false));
});
