import { isProviderSid, providerSidFor } from './provider-sid';

describe('providerSidFor', () => {
  it('is deterministic per key and distinct across keys', () => {
    expect(providerSidFor('job-1:a')).toBe(providerSidFor('job-1:a'));
    expect(providerSidFor('job-1:a')).not.toBe(providerSidFor('job-1:b'));
  });

  it('is lb_ plus the first 24 hex digits of sha256(key)', () => {
    // sha256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
    expect(providerSidFor('abc')).toBe('lb_ba7816bf8f01cfea414140de');
  });
});

describe('isProviderSid', () => {
  it.each([
    ['lb_ba7816bf8f01cfea414140de', true],
    ['lb_BA7816BF8F01CFEA414140DE', false],
    ['lb_ba7816bf8f01cfea414140d', false],
    ['../lb_ba7816bf8f01cfea414140de', false],
    ['lb_ba7816bf8f01cfea414140de.json', false],
  ])('%s: %s', (value, expected) => {
    expect(isProviderSid(value)).toBe(expected);
  });
});
