import type { IncomingMessage } from 'node:http';
import { createApiKeyVerifier, presentedKey } from './api-key.verifier';

const request = (headers: Record<string, string>): IncomingMessage => ({ headers }) as unknown as IncomingMessage;

describe('presentedKey', () => {
  it.each([
    [{ authorization: 'Bearer abc' }, 'abc'],
    [{ authorization: 'bearer  abc ' }, 'abc'],
    [{ 'x-api-key': 'abc' }, 'abc'],
    [{ authorization: 'Basic abc', 'x-api-key': 'abc' }, undefined],
    [{ authorization: 'Bearer' }, undefined],
    [{}, undefined],
  ])('reads %j as %s', (headers, key) => {
    expect(presentedKey(request(headers))).toBe(key);
  });
});

describe('createApiKeyVerifier', () => {
  const verify = createApiKeyVerifier(['first-key-0123456789', 'second-key-0123456789']);

  it('identifies each configured key by a stable fingerprint, never the key', () => {
    const first = verify('first-key-0123456789');
    const second = verify('second-key-0123456789');
    expect(first?.keyId).toMatch(/^[0-9a-f]{12}$/);
    expect(second?.keyId).not.toBe(first?.keyId);
    expect(verify('first-key-0123456789')).toEqual(first);
  });

  it.each([undefined, '', 'first-key', 'first-key-01234567890', 'FIRST-KEY-0123456789'])('refuses %j', (key) => {
    expect(verify(key)).toBeNull();
  });
});
