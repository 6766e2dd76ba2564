import { maskPhoneNumber } from './mask-phone-number';
import { scrubText } from './scrub-text';
import { scrubValue } from './scrub-value';

describe('maskPhoneNumber', () => {
  it.each([
    ['+15551234567', '***4567'],
    ['+1 (555) 123-4567', '***4567'],
    ['1234', '***'],
    ['', '***'],
  ])('masks %s as %s', (input, expected) => {
    expect(maskPhoneNumber(input)).toBe(expected);
  });
});

describe('scrubText', () => {
  it.each([
    ['fax to +15551234567 queued', 'fax to ***4567 queued'],
    ['call 555-123-4567 now', 'call ***4567 now'],
    ['call (555) 123 4567', 'call ***4567'],
    ['key fbk_live_a1b2c3d4e5f6_SeCrEt_value-x used', 'key fbk_live_a1b2c3d4e5f6_[redacted] used'],
    ['Authorization: Bearer abc.def.ghi', 'Authorization: Bearer [redacted]'],
  ])('scrubs %j', (input, expected) => {
    expect(scrubText(input)).toBe(expected);
  });

  it.each([['job a3f4561234bc done'], ['on 2026-11-25T18:11:18Z'], ['12345 pages'], ['retry in 30000 ms'], ['listening on http://127.0.0.1:8080'], ['peer 192.168.100.200']])(
    'leaves %j readable',
    (input) => {
      expect(scrubText(input)).toBe(input);
    },
  );
});

describe('scrubValue', () => {
  it('masks phone fields, redacts secrets and omits content, deeply', () => {
    const input = {
      to: '+15551234567',
      nested: { from_number: '+15557654321', apiKey: 'abcdef', password: 'hunter2' },
      document: Buffer.from('PHI'),
      content: 'Patient: Jane Doe',
      list: ['+15550001111'],
      count: 3,
    };
    expect(scrubValue(input)).toEqual({
      to: '***4567',
      nested: { from_number: '***4321', apiKey: '[redacted]', password: '[redacted]' },
      document: '[omitted]',
      content: '[omitted 17 chars]',
      list: ['***1111'],
      count: 3,
    });
  });

  it('turns errors into plain, scrubbed objects that keep their code', () => {
    const error = Object.assign(new Error('rejected +15551234567'), { code: 'PROVIDER_REJECTED' });
    const safe = scrubValue(error) as Record<string, unknown>;
    expect(safe['message']).toBe('rejected ***4567');
    expect(safe['code']).toBe('PROVIDER_REJECTED');
    expect(String(safe['stack'])).not.toContain('5551234567');
  });

  it('describes binary data by size only', () => {
    expect(scrubValue({ chunk: Buffer.alloc(5) })).toEqual({ chunk: '[binary 5 bytes]' });
  });
});
