import { parseAllowlist } from './allowlist';

const INTEGRITY = `sha512-${'A'.repeat(86)}==`;
const entry = { name: '@acme/faxbot-provider-sinch', version: '2.3.1', integrity: INTEGRITY, id: 'acme-sinch', kind: 'backend' };

describe('parseAllowlist', () => {
  it('accepts the documented shape, with an optional note', () => {
    const parsed = parseAllowlist({ version: 1, plugins: [entry, { ...entry, name: 'faxbot-mcp-x', id: 'mcp-x', kind: 'mcp', note: 'SEC-123' }] });
    expect(parsed.ok).toBe(true);
  });

  it.each([
    ['a range', { ...entry, version: '^2.3.1' }, 'must be an exact version'],
    ['a tag', { ...entry, version: 'latest' }, 'must be an exact version'],
    ['a v-prefixed version', { ...entry, version: 'v2.3.1' }, 'must be an exact version'],
    ['a sha1 integrity', { ...entry, integrity: 'sha1-2jmj7l5rSw0yVb/vlWAYkK/YBwk=' }, 'allowlist.plugins.0.integrity'],
    ['a short sha512', { ...entry, integrity: 'sha512-abc' }, 'allowlist.plugins.0.integrity'],
    ['an unknown kind', { ...entry, kind: 'frontend' }, 'allowlist.plugins.0.kind: must be one of'],
    ['a bad id', { ...entry, id: 'Acme' }, 'allowlist.plugins.0.id'],
    ['a bad name', { ...entry, name: 'Acme Sinch' }, 'allowlist.plugins.0.name'],
    ['a missing integrity', { name: entry.name, version: entry.version, id: entry.id, kind: entry.kind }, 'missing required field "integrity"'],
    ['a typo', { ...entry, intgrity: INTEGRITY }, 'unknown field "intgrity"'],
  ])('refuses %s', (_case, plugin, reason) => {
    const parsed = parseAllowlist({ version: 1, plugins: [plugin] });
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? [] : parsed.reasons.join('\n')).toContain(reason);
  });

  it.each([
    ['another file version', { version: 2, plugins: [] }],
    ['no plugins array', { version: 1 }],
    ['not an object', []],
    ['the reference draft key', { allowlistVersion: 1, plugins: [] }],
  ])('refuses %s', (_case, value) => {
    expect(parseAllowlist(value).ok).toBe(false);
  });

  it('refuses the same name@version twice and reports every problem at once', () => {
    const parsed = parseAllowlist({ version: 1, plugins: [entry, entry, { ...entry, version: '2.x' }] });
    expect(parsed.ok ? [] : parsed.reasons).toEqual([
      'allowlist.plugins.1: @acme/faxbot-provider-sinch@2.3.1 is listed twice',
      'allowlist.plugins.2.version: "2.x" must be an exact version such as 1.2.3, not a range or tag',
    ]);
  });
});
