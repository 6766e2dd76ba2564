import { checkPluginStorageKey } from './check-storage-key';

describe('checkPluginStorageKey', () => {
  it.each(['a', 'receipts/2026-11-25.json', 'A_b-c.d/e', 'x'.repeat(200)])('accepts %s', (key) => {
    expect(checkPluginStorageKey(key)).toBeNull();
  });

  it.each(['', '../core', 'a/../b', './a', 'a//b', '/a', 'a/', 'sp ace', 'ünï', 'x'.repeat(201), 7, null])('refuses %p', (key) => {
    expect(checkPluginStorageKey(key)).toEqual(expect.any(String));
  });
});
