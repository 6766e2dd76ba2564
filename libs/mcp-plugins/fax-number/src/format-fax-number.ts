import type { ParsedFaxNumber } from './parse-fax-number';

/** How {@link formatFaxNumber} writes a number. */
export type DisplayStyle = 'e164' | 'international' | 'masked';

/** The display styles, for schemas and checks. */
export const DISPLAY_STYLES: readonly DisplayStyle[] = ['e164', 'international', 'masked'];

// A readable grouping, not each country's official pattern: the last four digits together, the
// rest in threes from the right.
function group(national: string): string {
  if (national.length <= 4) return national;
  const head = national.slice(0, -4);
  const groups: string[] = [];
  for (let end = head.length; end > 0; end -= 3) groups.unshift(head.slice(Math.max(0, end - 3), end));
  return [...groups, national.slice(-4)].join(' ');
}

/**
 * Writes a parsed number for people: `e164` (`+15551234567`, what send_fax wants),
 * `international` (`+1 555 123 4567`, `+44 207 946 0018`) or `masked` (`***4567`, the form
 * Faxbot's logs use, for mentioning a number without repeating it).
 *
 * @example
 * formatFaxNumber({ e164: '+15551234567', countryCode: '1', nationalNumber: '5551234567' }, 'international'); // '+1 555 123 4567'
 */
export function formatFaxNumber(number: ParsedFaxNumber, style: DisplayStyle): string {
  switch (style) {
    case 'e164':
      return number.e164;
    case 'masked':
      return `***${number.e164.slice(-4)}`;
    case 'international':
      return `+${number.countryCode} ${group(number.nationalNumber)}`;
  }
}
