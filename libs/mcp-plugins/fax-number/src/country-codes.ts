// E.164 country calling codes are prefix-free: the first digits say how long the code is. The
// one- and two-digit codes are listed; every other assigned code has three digits.
const ONE_DIGIT = new Set(['1', '7']);
const TWO_DIGIT = new Set([
  '20', '27', '30', '31', '32', '33', '34', '36', '39', '40', '41', '43', '44', '45', '46', '47', '48', '49',
  '51', '52', '53', '54', '55', '56', '57', '58', '60', '61', '62', '63', '64', '65', '66',
  '81', '82', '84', '86', '90', '91', '92', '93', '94', '95', '98',
]);
// Two-digit prefixes the ITU keeps in reserve: no number starts with them.
const SPARE = new Set(['28', '83', '89']);

/** Where a country calling code ends in the digits after `+`, or why it cannot be read. */
export type CountryCodeSplit = { ok: true; countryCode: string; rest: string } | { ok: false; reason: 'LEADING_ZERO' | 'SPARE_COUNTRY_CODE' | 'TOO_SHORT' };

/**
 * Splits international digits (without `+`) into the country calling code and the national
 * significant number.
 *
 * @example
 * splitCountryCode('442079460018'); // { ok: true, countryCode: '44', rest: '2079460018' }
 */
export function splitCountryCode(digits: string): CountryCodeSplit {
  if (digits.startsWith('0')) return { ok: false, reason: 'LEADING_ZERO' };
  if (digits.length < 2) return { ok: false, reason: 'TOO_SHORT' };
  if (SPARE.has(digits.slice(0, 2))) return { ok: false, reason: 'SPARE_COUNTRY_CODE' };
  const length = ONE_DIGIT.has(digits.slice(0, 1)) ? 1 : TWO_DIGIT.has(digits.slice(0, 2)) ? 2 : 3;
  if (digits.length <= length) return { ok: false, reason: 'TOO_SHORT' };
  return { ok: true, countryCode: digits.slice(0, length), rest: digits.slice(length) };
}

/** True when `code` is a well-formed country calling code (1–3 digits, not 0, not spare, whole). */
export function isCountryCode(code: string): boolean {
  if (!/^[1-9]\d{0,2}$/.test(code)) return false;
  const split = splitCountryCode(`${code}0000`);
  return split.ok && split.countryCode === code;
}
