import { FaxbotError } from '@faxbot/plugin-sdk';

const E164 = /^\+[1-9]\d{6,14}$/;

/**
 * The destination in the E.164 form Phaxio requires. Accepts what the host passes (`+` and digits,
 * or digits only, possibly with punctuation) and adds the `+` to bare digits (no country-code
 * guessing). Throws `NUMBER_INVALID` without naming the number.
 */
export function toE164(number: string): string {
  const trimmed = number.trim();
  const digits = trimmed.replace(/\D/g, '');
  const candidate = `+${digits}`;
  if (!/^\+?[\d\s().-]+$/.test(trimmed) || !E164.test(candidate)) {
    throw new FaxbotError('NUMBER_INVALID', 'phaxio: the destination is not a valid E.164 number', { retryable: false });
  }
  return candidate;
}

/** The last four digits of a number (`***4567`): enough to tell faxes apart in logs, too little to identify anyone. */
export function maskNumber(number: string | null | undefined): string {
  const digits = (number ?? '').replace(/\D/g, '');
  return digits === '' ? 'unknown' : `***${digits.slice(-4)}`;
}
