import { maskPhoneNumber, maskPhoneNumbers } from './phone-masker';

describe('maskPhoneNumber', () => {
  it.each([
    ['+15551234567', '***4567'],
    ['+1 (555) 123-4567', '***4567'],
    ['1234', '***'],
    ['', '***'],
  ])('masks %s as %s', (input, masked) => {
    expect(maskPhoneNumber(input)).toBe(masked);
  });
});

describe('maskPhoneNumbers', () => {
  it.each([
    ['sending to +15551234567 now', 'sending to ***4567 now'],
    ['call 555-123-4567 or (555) 765 4321', 'call ***4567 or ***4321'],
    ['"to":"+442071234567"', '"to":"***4567"'],
    ['job 5f0c3e9a2b7d4c1e8a6f0b2d4e6a8c0f', 'job 5f0c3e9a2b7d4c1e8a6f0b2d4e6a8c0f'],
    ['session 3b241101-e2bb-4255-8caf-4136c566a962', 'session 3b241101-e2bb-4255-8caf-4136c566a962'],
    ['at 2026-01-05T09:30:00.120Z', 'at 2026-01-05T09:30:00.120Z'],
    ['from 192.168.10.20', 'from 192.168.10.20'],
    ['took 12345 ms', 'took 12345 ms'],
  ])('turns %j into %j', (input, output) => {
    expect(maskPhoneNumbers(input)).toBe(output);
  });
});
