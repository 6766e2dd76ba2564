import { createHash } from 'node:crypto';
import { computeIntegrity, integrityEquals, sha512DigestOf } from './integrity';

const bytes = Buffer.from('a tarball, as far as hashing goes');
const sri = `sha512-${createHash('sha512').update(bytes).digest('base64')}`;
const other = computeIntegrity(Buffer.from('something else'));

describe('computeIntegrity', () => {
  it('is sha512-<base64> of the bytes', () => {
    expect(computeIntegrity(bytes)).toBe(sri);
    expect(sri).toMatch(/^sha512-[A-Za-z0-9+/]{86}==$/);
  });
});

describe('integrityEquals', () => {
  it.each([
    ['the same string', sri, sri, true],
    ['a different digest', sri, other, false],
    ['a multi-hash string containing the digest', sri, `${sri} sha1-2jmj7l5rSw0yVb/vlWAYkK/YBwk=`, true],
    ['a sha1-only string', 'sha1-2jmj7l5rSw0yVb/vlWAYkK/YBwk=', 'sha1-2jmj7l5rSw0yVb/vlWAYkK/YBwk=', false],
    ['garbage', 'sha512-nope', 'sha512-nope', false],
    ['an empty string', '', sri, false],
  ])('%s → %s', (_case, a, b, expected) => {
    expect(integrityEquals(a, b)).toBe(expected);
  });

  it('reads the sha512 digest out of an SRI string', () => {
    expect(sha512DigestOf(sri)?.length).toBe(64);
    expect(sha512DigestOf('md5-abc')).toBeNull();
  });
});
