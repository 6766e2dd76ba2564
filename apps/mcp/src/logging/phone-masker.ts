// A run of at least six digits, optionally with the separators people put in phone numbers,
// not glued to letters or digits (so hex ids and UUIDs stay readable).
const PHONE_LIKE = /(?<![\w-])\+?\(?\d[\d ().-]{4,}\d(?![\w])/g;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}/;
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}(?!\d)/;

/**
 * Masks a phone number to its last four digits; shorter values are masked entirely.
 *
 * @example
 * maskPhoneNumber('+1 (555) 123-4567'); // '***4567'
 */
export function maskPhoneNumber(value: string): string {
  const digits = value.replace(/\D/g, '');
  return digits.length <= 4 ? '***' : `***${digits.slice(-4)}`;
}

/**
 * Masks every phone-number-like digit run in free text to its last four digits. Dates and IPv4
 * addresses are left alone so logs stay useful.
 *
 * @example
 * maskPhoneNumbers('sending to +15551234567'); // 'sending to ***4567'
 */
export function maskPhoneNumbers(text: string): string {
  return text.replace(PHONE_LIKE, (match: string, offset: number, whole: string) => {
    const digits = match.replace(/\D/g, '');
    const rest = whole.slice(offset);
    if (digits.length < 6 || ISO_DATE.test(rest) || IPV4.test(rest)) return match;
    return maskPhoneNumber(match);
  });
}
