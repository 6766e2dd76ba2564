import { FaxbotError } from '@faxbot/plugin-sdk';
import { maskNumber, toE164 } from './phone-number';

describe('toE164', () => {
  it.each([
    ['+15551234567', '+15551234567'],
    ['15551234567', '+15551234567'],
    ['+1 (555) 123-4567', '+15551234567'],
    ['+4930123456', '+4930123456'],
  ])('%s → %s', (input, expected) => {
    expect(toE164(input)).toBe(expected);
  });

  it.each(['', '12345', '+0123456789', 'call 5551234567', '+1555123456789012'])('refuses %j as NUMBER_INVALID without echoing it', (input) => {
    let caught: unknown;
    try {
      toE164(input);
    } catch (error) {
      caught = error;
    }
    expect(FaxbotError.is(caught) && caught.code).toBe('NUMBER_INVALID');
    if (input.length > 4) expect((caught as Error).message).not.toContain(input);
  });
});

describe('maskNumber', () => {
  it.each([
    ['+15551234567', '***4567'],
    [null, 'unknown'],
    ['', 'unknown'],
  ])('%s → %s', (input, expected) => {
    expect(maskNumber(input)).toBe(expected);
  });
});
