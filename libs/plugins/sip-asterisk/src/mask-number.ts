/**
 * A phone number reduced to its last four digits (`***4567`) for log lines: enough to tell two
 * faxes apart, too little to identify a recipient.
 */
export function maskNumber(number: string): string {
  const digits = number.replace(/\D/g, '');
  return digits.length === 0 ? '***' : `***${digits.slice(-4)}`;
}
