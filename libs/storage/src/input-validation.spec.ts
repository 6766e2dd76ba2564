import { isValidStorageKey } from './input-validation';

describe('isValidStorageKey', () => {
  it.each(['a', 'outbound/3f9a0c51d2e8.pdf', 'inbound/2026/03/02/fax_1.tiff', 'A-b_c.d', 'x/.well', `k${'x'.repeat(254)}`])('accepts %j', (key) => {
    expect(isValidStorageKey(key)).toBe(true);
  });

  it.each(['', '/a', 'a/', 'a//b', '..', 'a/../b', 'a/./b', 'a/.', '.a', 'a b', 'a\nb', `k${'x'.repeat(255)}`, 42, null])('rejects %j', (key) => {
    expect(isValidStorageKey(key)).toBe(false);
  });
});
