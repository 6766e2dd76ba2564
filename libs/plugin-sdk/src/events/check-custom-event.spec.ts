import { checkCustomEvent } from './check-custom-event';

describe('checkCustomEvent', () => {
  it.each([
    ['acme.callback_verified', { providerSid: 'f-1', pages: 2, ok: true, note: null }],
    ['acme.line:status-changed', {}],
    ['acme.a.b', { count: 0 }],
  ])('accepts %s', (type, payload) => {
    expect(checkCustomEvent('acme', type, payload)).toBeNull();
  });

  it.each([
    ['another namespace', 'other.thing', {}, 'may only emit events named "acme.<name>"'],
    ['a core event', 'job.completed', {}, 'may only emit events named "acme.<name>"'],
    ['no name', 'acme.', {}, 'may only emit events named'],
    ['a name too long', `acme.${'x'.repeat(101)}`, {}, 'may only emit events named'],
    ['a non-string name', 42, {}, 'may only emit events named'],
    ['an array payload', 'acme.x', [], 'must be a plain object'],
    ['a null payload', 'acme.x', null, 'must be a plain object'],
    ['a nested value', 'acme.x', { detail: { a: 1 } }, 'payload key "detail" must be'],
    ['a long string', 'acme.x', { note: 'x'.repeat(1001) }, 'payload key "note" must be'],
    ['NaN', 'acme.x', { n: Number.NaN }, 'payload key "n" must be'],
    ['a phone field', 'acme.x', { to: '+15551234567' }, 'payload key "to" looks like PHI'],
    ['a file name', 'acme.x', { fileName: 'scan.pdf' }, 'payload key "fileName" looks like PHI'],
    ['a secret', 'acme.x', { apiToken: 'abc' }, 'payload key "apiToken" looks like PHI or a secret'],
    ['too many keys', 'acme.x', Object.fromEntries(Array.from({ length: 33 }, (_, i) => [`k${i}`, i])), 'at most 32 keys'],
  ])('refuses %s', (_case, type, payload, problem) => {
    expect(checkCustomEvent('acme', type, payload)).toContain(problem);
  });

  it('refuses every event of a plugin whose id is a core namespace', () => {
    expect(checkCustomEvent('fax', 'fax.sent', {})).toContain('core event namespace');
    expect(checkCustomEvent('job', 'job.mine', {})).toContain('core event namespace');
  });
});
