import { normaliseFaxNumber } from './fax-number';
import { ToolError } from './tool-error';

describe('normaliseFaxNumber', () => {
  it.each([
    ['+15551234567', '+15551234567'],
    [' +1 (555) 123-4567 ', '+15551234567'],
    ['+44 20.7123.4567', '+442071234567'],
    ['5551234567', '5551234567'],
  ])('accepts %j as %s', (input, output) => {
    expect(normaliseFaxNumber(input)).toBe(output);
  });

  it.each(['', '+', '98765', `+${'1'.repeat(21)}`, '+1 555 CALL NOW', '1+5551234567', 'ext. 98765432'])('refuses %j without repeating it', (input) => {
    let caught: unknown;
    try {
      normaliseFaxNumber(input);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ToolError);
    expect((caught as ToolError).code).toBe('INVALID_INPUT');
    if (input.length > 1) expect((caught as ToolError).message).not.toContain(input);
  });
});
