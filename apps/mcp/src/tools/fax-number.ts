import { ToolError } from './tool-error';

// What the API accepts: an optional +, then 6–20 digits.
const API_NUMBER = /^\+?\d{6,20}$/;

/**
 * Normalises a destination number for the API: spaces, dots, dashes and brackets people type are
 * removed; what remains must be an optional `+` and 6–20 digits. The error never repeats the value.
 */
export function normaliseFaxNumber(input: string, field = 'to'): string {
  const compact = input.trim().replace(/[\s().-]/g, '');
  if (!API_NUMBER.test(compact)) {
    throw new ToolError('INVALID_INPUT', `"${field}" must be a fax number in E.164 format such as +15551234567: a +, the country code, then the number, digits only`);
  }
  return compact;
}
