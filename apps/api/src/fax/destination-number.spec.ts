import { ApiError } from '../errors/api-error';
import { parseDestinationNumber } from './destination-number';

describe('parseDestinationNumber', () => {
  it.each(['+15551234567', '15551234567', ' +4930123456 ', '123456'])('accepts %j', (value) => {
    expect(parseDestinationNumber(value)).toBe(value.trim());
  });

  it.each(['abc', '+1 555 123 4567', '555-123-4567', '12345', '+123456789012345678901', ''])('refuses %j with BAD_REQUEST', (value) => {
    expect(() => parseDestinationNumber(value)).toThrow(ApiError);
    try {
      parseDestinationNumber(value);
    } catch (error) {
      expect((error as ApiError).code).toBe('BAD_REQUEST');
    }
  });
});
