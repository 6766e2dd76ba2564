/** Why a number cannot be dialled as a fax destination. */
export type NumberProblemCode =
  | 'EMPTY'
  | 'HAS_LETTERS'
  | 'HAS_EXTENSION'
  | 'BAD_CHARACTERS'
  | 'MISPLACED_PLUS'
  | 'NO_COUNTRY_CODE'
  | 'BAD_DEFAULT_COUNTRY_CODE'
  | 'LEADING_ZERO'
  | 'SPARE_COUNTRY_CODE'
  | 'TOO_SHORT'
  | 'TOO_LONG'
  | 'NANP_LENGTH'
  | 'NANP_AREA_CODE'
  | 'NANP_EXCHANGE';

/** One reason, with a sentence meant for the person or model who typed the number. It never repeats the number. */
export interface NumberProblem {
  code: NumberProblemCode;
  message: string;
}

const MESSAGES: Record<NumberProblemCode, string> = {
  EMPTY: 'The number is empty.',
  HAS_LETTERS: 'The number contains letters; a fax line is dialled with digits only (spell out vanity numbers as digits).',
  HAS_EXTENSION: 'The number has an extension; fax machines cannot dial extensions, ask for the direct fax line.',
  BAD_CHARACTERS: 'The number contains characters other than digits, spaces, dots, dashes, slashes and brackets.',
  MISPLACED_PLUS: 'A + may only appear once, at the start of the number.',
  NO_COUNTRY_CODE: 'The number has no country code and no default country code is set: write it with + and the country code.',
  BAD_DEFAULT_COUNTRY_CODE: 'The default country code is not a valid calling code (1 to 3 digits, such as 1, 44 or 353).',
  LEADING_ZERO: 'After the + comes the country code, which never starts with 0 (drop the national trunk 0).',
  SPARE_COUNTRY_CODE: 'The country code is not assigned to any country.',
  TOO_SHORT: 'The number has too few digits after the country code.',
  TOO_LONG: 'The number has more than 15 digits including the country code, the E.164 maximum.',
  NANP_LENGTH: 'Numbers with country code 1 (US, Canada, Caribbean) have exactly 10 digits after the 1: area code, exchange, line.',
  NANP_AREA_CODE: 'The area code (first 3 digits after the 1) cannot start with 0 or 1.',
  NANP_EXCHANGE: 'The exchange (digits 4–6 after the 1) cannot start with 0 or 1.',
};

/** The problem with its explanation. */
export function numberProblem(code: NumberProblemCode): NumberProblem {
  return { code, message: MESSAGES[code] };
}
