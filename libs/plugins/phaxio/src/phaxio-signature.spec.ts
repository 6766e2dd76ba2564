import { createHash, createHmac } from 'node:crypto';
import type { FormPart } from './form-body.parser';
import { computePhaxioSignature, isValidPhaxioSignature } from './phaxio-signature';

const field = (name: string, value: string): FormPart => ({ name, fileName: null, contentType: null, bytes: Buffer.from(value) });
const file = (name: string, bytes: Buffer): FormPart => ({ name, fileName: 'f.pdf', contentType: 'application/pdf', bytes });

describe('Phaxio webhook signature', () => {
  const url = 'https://fax.example.com/webhooks/phaxio/inbound';
  const pdf = Buffer.from('%PDF-1.4 fax');
  const parts = [field('fax', '{"id":7}'), file('file', pdf), field('direction', 'received')];
  // Written out by hand from Phaxio's documentation, independently of the implementation.
  const expected = createHmac('sha1', 'tok')
    .update(`${url}directionreceivedfax{"id":7}file${createHash('sha1').update(pdf).digest('hex')}`)
    .digest('hex');

  it('is HMAC-SHA1(token, URL + sorted fields + sorted name+sha1(file)) in hex', () => {
    expect(computePhaxioSignature('tok', url, parts)).toBe(expected);
  });

  it('accepts the right signature in either case', () => {
    expect(isValidPhaxioSignature(expected, 'tok', url, parts)).toBe(true);
    expect(isValidPhaxioSignature(expected.toUpperCase(), 'tok', url, parts)).toBe(true);
  });

  it.each([
    ['another token', 'tok2', url, parts],
    ['another URL', 'tok', `${url}?x=1`, parts],
    ['an altered field', 'tok', url, [field('fax', '{"id":8}'), file('file', pdf), field('direction', 'received')]],
    ['an altered file', 'tok', url, [field('fax', '{"id":7}'), file('file', Buffer.from('%PDF-1.4 faX')), field('direction', 'received')]],
    ['an added field', 'tok', url, [...parts, field('extra', '')]],
  ])('refuses %s', (_case, token, signedUrl, signedParts) => {
    expect(isValidPhaxioSignature(expected, token, signedUrl, signedParts)).toBe(false);
  });

  it.each(['', 'abc', `${expected}00`, 'z'.repeat(40)])('refuses the malformed signature %j without throwing', (signature) => {
    expect(isValidPhaxioSignature(signature, 'tok', url, parts)).toBe(false);
  });

  it('is not the original Faxbot scheme (HMAC-SHA256 of the body with the API secret)', () => {
    expect(expected).toHaveLength(40);
    expect(computePhaxioSignature('tok', url, parts)).not.toBe(createHmac('sha256', 'tok').update('body').digest('hex'));
  });
});
