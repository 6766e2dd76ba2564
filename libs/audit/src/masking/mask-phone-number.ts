/**
 * Masks a phone number to its last four digits, the only part Faxbot ever writes to logs or
 * audit records. Shorter values are masked entirely.
 *
 * @example
 * maskPhoneNumber('+1 (555) 123-4567'); // '***4567'
 */
export function maskPhoneNumber(value: string): string {
  const digits = value.replace(/\D/g, '');
  if (digits.length <= 4) return '***';
  return `***${digits.slice(-4)}`;
}
