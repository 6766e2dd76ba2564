import { isCountryCode, splitCountryCode } from './country-codes';
import { numberProblem, type NumberProblem } from './number-problem';

/** A dialable fax number in its parts. */
export interface ParsedFaxNumber {
  /** `+` and 8–15 digits, e.g. `+15551234567`. */
  e164: string;
  countryCode: string;
  /** The national significant number: what follows the country code, without a trunk prefix. */
  nationalNumber: string;
}

/** What {@link parseFaxNumber} found: the number, or every reason it is not dialable. */
export type FaxNumberCheck = { valid: true; number: ParsedFaxNumber } | { valid: false; problems: NumberProblem[] };

/** Options of {@link parseFaxNumber}. */
export interface ParseOptions {
  /** Country calling code for numbers written without one (`1`, `44`, `353`); none means such numbers are refused. */
  defaultCountryCode?: string;
}

const EXTENSION = /(?:^|[\d\s.)])(?:ext(?:ension)?\.?|x|#)\s*\d+\s*$/i;
const ALLOWED = /^[+\d\s.\-/()]*$/;
const SEPARATORS = /[\s.\-/()]/g;
const MAX_DIGITS = 15;
const MIN_NATIONAL_DIGITS = 4;
// Countries whose national numbers keep the leading 0 in international form.
const KEEPS_LEADING_ZERO = new Set(['39']);

const invalid = (...codes: Parameters<typeof numberProblem>[0][]): FaxNumberCheck => ({ valid: false, problems: codes.map(numberProblem) });

/** Turns what was typed into international digits (no `+`), using the default country code for national numbers. */
function internationalDigits(compact: string, defaultCountryCode: string | undefined): string | FaxNumberCheck {
  if (compact.startsWith('+')) return compact.slice(1);
  if (compact.startsWith('00')) return compact.slice(2);
  if (defaultCountryCode === undefined || defaultCountryCode === '') return invalid('NO_COUNTRY_CODE');
  if (!isCountryCode(defaultCountryCode)) return invalid('BAD_DEFAULT_COUNTRY_CODE');
  if (defaultCountryCode === '1') {
    if (compact.startsWith('011')) return compact.slice(3);
    return `1${compact.length === 11 && compact.startsWith('1') ? compact.slice(1) : compact}`;
  }
  const trunkless = compact.startsWith('0') && !KEEPS_LEADING_ZERO.has(defaultCountryCode) ? compact.slice(1) : compact;
  return `${defaultCountryCode}${trunkless}`;
}

function nanpProblems(national: string): FaxNumberCheck | null {
  if (national.length !== 10) return invalid('NANP_LENGTH');
  const codes: Array<'NANP_AREA_CODE' | 'NANP_EXCHANGE'> = [];
  if ('01'.includes(national.charAt(0))) codes.push('NANP_AREA_CODE');
  if ('01'.includes(national.charAt(3))) codes.push('NANP_EXCHANGE');
  return codes.length > 0 ? invalid(...codes) : null;
}

/**
 * Reads a fax number as people write it — `+1 (555) 123-4567`, `00 44 20 7946 0018`,
 * `+44 (0)20 7946 0018`, `020 7946 0018` with default country code 44 — and returns it in E.164,
 * or every reason it cannot be dialled. Pure: no I/O, no state.
 *
 * @example
 * parseFaxNumber('(555) 123-4567', { defaultCountryCode: '1' });
 * // { valid: true, number: { e164: '+15551234567', countryCode: '1', nationalNumber: '5551234567' } }
 */
export function parseFaxNumber(input: string, options: ParseOptions = {}): FaxNumberCheck {
  const trimmed = input.trim();
  if (trimmed === '') return invalid('EMPTY');
  if (EXTENSION.test(trimmed)) return invalid('HAS_EXTENSION');
  if (/[a-z]/i.test(trimmed)) return invalid('HAS_LETTERS');
  if (!ALLOWED.test(trimmed)) return invalid('BAD_CHARACTERS');
  // "+44 (0)20 …": the bracketed trunk 0 is dropped when dialling from abroad.
  const international = trimmed.startsWith('+') || trimmed.startsWith('00');
  const compact = (international ? trimmed.replace(/\(0\)/g, '') : trimmed).replace(SEPARATORS, '');
  if (compact.lastIndexOf('+') > 0) return invalid('MISPLACED_PLUS');
  if (compact === '' || compact === '+') return invalid('EMPTY');

  const digits = internationalDigits(compact, options.defaultCountryCode);
  if (typeof digits !== 'string') return digits;
  const split = splitCountryCode(digits);
  if (!split.ok) return invalid(split.reason);
  if (digits.length > MAX_DIGITS) return invalid('TOO_LONG');
  if (split.countryCode === '1') {
    const nanp = nanpProblems(split.rest);
    if (nanp !== null) return nanp;
  } else if (split.rest.length < MIN_NATIONAL_DIGITS) {
    return invalid('TOO_SHORT');
  }
  return { valid: true, number: { e164: `+${digits}`, countryCode: split.countryCode, nationalNumber: split.rest } };
}
