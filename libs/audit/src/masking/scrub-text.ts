import { maskPhoneNumber } from './mask-phone-number';

// A run of at least six digits, optionally with the separators people put in phone numbers,
// not glued to letters (so hex ids such as `a3f4561234bc` stay readable).
const PHONE_LIKE = /(?<![\w])\+?\(?\d[\d ().-]{4,}\d(?![\w])/g;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}/;
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}(?!\d)/;
const API_TOKEN = /\bfbk_live_([a-f0-9]+)_[A-Za-z0-9_-]+/g;
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi;

/**
 * Removes PHI and secrets from free text: phone-number-like digit runs are masked to their last
 * four digits, Faxbot API tokens keep only their public key id, and bearer/basic credentials
 * are replaced.
 *
 * @example
 * scrubText('sent to +15551234567'); // 'sent to ***4567'
 */
export function scrubText(text: string): string {
  return text
    .replace(API_TOKEN, 'fbk_live_$1_[redacted]')
    .replace(BEARER, '$1 [redacted]')
    .replace(PHONE_LIKE, (match: string, offset: number, whole: string) => {
      const digits = match.replace(/\D/g, '');
      const rest = whole.slice(offset);
      if (digits.length < 6 || ISO_DATE.test(rest) || IPV4.test(rest)) return match;
      return maskPhoneNumber(match);
    });
}
