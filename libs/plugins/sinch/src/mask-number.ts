/** Reduces a phone number to its last four digits (`***4567`), the most a log line may show. */
export function maskNumber(number: string | null | undefined): string {
  const digits = (number ?? '').replace(/\D/g, '');
  return digits === '' ? '(none)' : `***${digits.slice(-4)}`;
}
