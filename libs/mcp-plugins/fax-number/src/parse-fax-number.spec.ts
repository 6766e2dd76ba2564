import { parseFaxNumber } from './parse-fax-number';

describe('parseFaxNumber', () => {
  it.each([
    ['+1 (555) 234-5678', undefined, '+15552345678'],
    ['(555) 234-5678', '1', '+15552345678'],
    ['1-555-234-5678', '1', '+15552345678'],
    ['555.234.5678', '1', '+15552345678'],
    ['011 44 20 7946 0018', '1', '+442079460018'],
    ['00 44 20 7946 0018', undefined, '+442079460018'],
    ['+44 (0)20 7946 0018', undefined, '+442079460018'],
    ['020 7946 0018', '44', '+442079460018'],
    ['06 6982 1234', '39', '+390669821234'],
    ['030/1234567', '49', '+49301234567'],
    ['+353 1 234 5678', '1', '+35312345678'],
    ['+7 495 123 45 67', undefined, '+74951234567'],
  ])('reads %s (default country code %s) as %s', (input, defaultCountryCode, e164) => {
    const check = parseFaxNumber(input, { defaultCountryCode });
    expect(check).toMatchObject({ valid: true, number: { e164 } });
  });

  it('splits the country code from the national number', () => {
    expect(parseFaxNumber('+353 1 234 5678')).toEqual({ valid: true, number: { e164: '+35312345678', countryCode: '353', nationalNumber: '12345678' } });
  });

  it.each([
    ['   ', undefined, ['EMPTY']],
    ['+', undefined, ['EMPTY']],
    ['1-800-FLOWERS', '1', ['HAS_LETTERS']],
    ['+1 555 123 4567 ext. 12', undefined, ['HAS_EXTENSION']],
    ['+1 555 123 4567 x12', undefined, ['HAS_EXTENSION']],
    ['+1 555 123 4567;', undefined, ['BAD_CHARACTERS']],
    ['555+1234567', '1', ['MISPLACED_PLUS']],
    ['555.234.5678', undefined, ['NO_COUNTRY_CODE']],
    ['555.234.5678', '0', ['BAD_DEFAULT_COUNTRY_CODE']],
    ['555.234.5678', '28', ['BAD_DEFAULT_COUNTRY_CODE']],
    ['+0 555 123 4567', undefined, ['LEADING_ZERO']],
    ['+28 1234 5678', undefined, ['SPARE_COUNTRY_CODE']],
    ['+44 123', undefined, ['TOO_SHORT']],
    ['+353', undefined, ['TOO_SHORT']],
    ['+44 1234 5678 9012 345', undefined, ['TOO_LONG']],
    ['+1 555 123 456', undefined, ['NANP_LENGTH']],
    ['+1 055 223 4567', undefined, ['NANP_AREA_CODE']],
    ['+1 155 023 4567', undefined, ['NANP_AREA_CODE', 'NANP_EXCHANGE']],
    ['+1 555 023 4567', undefined, ['NANP_EXCHANGE']],
  ])('refuses %s (default country code %s) with %j', (input, defaultCountryCode, codes) => {
    const check = parseFaxNumber(input, { defaultCountryCode });
    expect(check.valid).toBe(false);
    expect(check.valid ? [] : check.problems.map((problem) => problem.code)).toEqual(codes);
  });

  it('explains problems without repeating the number', () => {
    const check = parseFaxNumber('+1 055 223 4567');
    expect(check.valid ? '' : check.problems[0]?.message).toContain('area code');
    expect(JSON.stringify(check)).not.toMatch(/1234567|4567/);
  });
});
