import { formatFaxNumber } from './format-fax-number';

const US = { e164: '+15551234567', countryCode: '1', nationalNumber: '5551234567' };
const UK = { e164: '+442079460018', countryCode: '44', nationalNumber: '2079460018' };
const IE = { e164: '+35312345678', countryCode: '353', nationalNumber: '12345678' };
const NU = { e164: '+6831234', countryCode: '683', nationalNumber: '1234' };

describe('formatFaxNumber', () => {
  it.each([
    [US, 'e164', '+15551234567'],
    [US, 'international', '+1 555 123 4567'],
    [UK, 'international', '+44 207 946 0018'],
    [IE, 'international', '+353 1 234 5678'],
    [NU, 'international', '+683 1234'],
    [US, 'masked', '***4567'],
  ] as const)('writes %j as %s: %s', (number, style, expected) => {
    expect(formatFaxNumber(number, style)).toBe(expected);
  });
});
