import { randomBytes } from 'node:crypto';
import { SecretBox } from './secret-box';
import { SecretBoxError } from './secret-box.error';

const SEALED_FORMAT = /^enc:v1:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]{22}:[A-Za-z0-9_-]*$/;

/** Flips one bit in the n-th colon-separated part of a sealed value (0 = iv, 1 = tag, 2 = ciphertext). */
function flipBit(sealed: string, part: number): string {
  const parts = sealed.slice('enc:v1:'.length).split(':');
  const bytes = Buffer.from(parts[part]!, 'base64url');
  bytes[0] = bytes[0]! ^ 0x01;
  parts[part] = bytes.toString('base64url');
  return `enc:v1:${parts.join(':')}`;
}

describe('SecretBox', () => {
  const box = new SecretBox(randomBytes(32));

  it.each([['an API secret'], [''], ['ünïcødé ✓ and "quotes": with colons'], ['x'.repeat(10_000)]])('seals and opens %p', (plaintext) => {
    const sealed = box.seal(plaintext);

    expect(sealed).toMatch(SEALED_FORMAT);
    expect(sealed).not.toContain(plaintext || '\u0000');
    expect(box.open(sealed)).toBe(plaintext);
  });

  it('uses a fresh IV for every value, so equal secrets do not look equal', () => {
    const sealed = Array.from({ length: 20 }, () => box.seal('same secret'));

    expect(new Set(sealed).size).toBe(20);
    expect(new Set(sealed.map((value) => value.split(':')[2])).size).toBe(20);
  });

  it.each([
    ['the IV', 0],
    ['the authentication tag', 1],
    ['the ciphertext', 2],
  ])('detects a change to %s', (_part, part) => {
    const tampered = flipBit(box.seal('an API secret'), part);

    expect(() => box.open(tampered)).toThrow(expect.objectContaining({ code: 'SECRET_UNREADABLE' }));
  });

  it('detects a value sealed under another key, and says which key to check', () => {
    const sealed = new SecretBox(randomBytes(32)).seal('an API secret');

    let caught: unknown;
    try {
      box.open(sealed);
    } catch (error) {
      caught = error;
    }

    expect(caught).toBeInstanceOf(SecretBoxError);
    expect(caught).toMatchObject({ code: 'SECRET_UNREADABLE', message: expect.stringContaining('FAXBOT_SECRET_KEY') });
  });

  it.each([
    ['plain text', 'hunter2'],
    ['another version', 'enc:v2:AAAAAAAAAAAAAAAA:AAAAAAAAAAAAAAAAAAAAAA:AAAA'],
    ['a missing part', 'enc:v1:AAAAAAAAAAAAAAAA:AAAAAAAAAAAAAAAAAAAAAA'],
    ['an extra part', 'enc:v1:AAAAAAAAAAAAAAAA:AAAAAAAAAAAAAAAAAAAAAA:AAAA:AAAA'],
    ['a short IV', 'enc:v1:AAAA:AAAAAAAAAAAAAAAAAAAAAA:AAAA'],
    ['a short tag', 'enc:v1:AAAAAAAAAAAAAAAA:AAAA:AAAA'],
    ['characters outside base64url', 'enc:v1:AAAAAAAAAAAAAAA+:AAAAAAAAAAAAAAAAAAAAAA:AAAA'],
  ])('refuses %s as SECRET_MALFORMED', (_case, value) => {
    expect(() => box.open(value)).toThrow(expect.objectContaining({ code: 'SECRET_MALFORMED' }));
  });

  it.each([
    ['enc:v1:anything', true],
    ['enc:v2:x', false],
    ['plain', false],
    [42, false],
    [null, false],
    [undefined, false],
  ])('isSealed(%p) is %p', (value, expected) => {
    expect(SecretBox.isSealed(value)).toBe(expected);
    expect(box.isSealed(value)).toBe(expected);
  });

  it.each([16, 31, 33, 64])('refuses a %i-byte key with KEY_INVALID', (bytes) => {
    expect(() => new SecretBox(randomBytes(bytes))).toThrow(expect.objectContaining({ code: 'KEY_INVALID' }));
  });
});
