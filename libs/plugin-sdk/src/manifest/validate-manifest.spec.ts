import { validateManifest } from './validate-manifest';

const valid = { manifestVersion: 1, id: 'acme-fax', kind: 'backend', apiVersion: 1, entry: './dist/index.js' };

describe('validateManifest', () => {
  it('accepts a minimal manifest and returns it typed', () => {
    const result = validateManifest(valid);
    expect(result).toEqual({ ok: true, manifest: valid });
  });

  it('accepts optional fields and x- extensions', () => {
    const result = validateManifest({
      ...valid,
      name: 'Acme',
      categories: ['outbound'],
      capabilities: ['send', 'get_status'],
      configSchema: { type: 'object', properties: { apiKey: { type: 'string', writeOnly: true, 'x-env': 'ACME_KEY' } } },
      'x-acme': { anything: true },
    });
    expect(result.ok).toBe(true);
  });

  it.each([
    ['not an object', 'hello', 'faxbot: must be an object'],
    ['missing id', { ...valid, id: undefined }, 'missing required field "id"'],
    ['bad id', { ...valid, id: 'Bad_Id' }, 'faxbot.id'],
    ['unknown kind', { ...valid, kind: 'frontend' }, 'faxbot.kind: must be one of'],
    ['unknown field', { ...valid, entyr: 'x' }, 'unknown field "entyr"'],
    ['entry escaping the package', { ...valid, entry: '../other/index.js' }, 'faxbot.entry'],
    ['absolute entry', { ...valid, entry: '/etc/passwd' }, 'faxbot.entry'],
    ['wrong manifest version', { ...valid, manifestVersion: 2 }, 'faxbot.manifestVersion'],
    ['unknown category', { ...valid, categories: ['fax-machine'] }, 'faxbot.categories.0'],
    ['invalid config schema', { ...valid, configSchema: { type: 'object', properties: { a: { type: 'strang' } } } }, 'faxbot.configSchema'],
    ['unknown config schema keyword', { ...valid, configSchema: { type: 'object', secret: true } }, 'faxbot.configSchema'],
  ])('refuses %s with a reason', (_label, manifest, reason) => {
    const result = validateManifest(JSON.parse(JSON.stringify(manifest ?? null)) ?? manifest);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.join('; ')).toContain(reason);
  });
});
