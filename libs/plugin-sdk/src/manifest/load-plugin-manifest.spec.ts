import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPluginManifest } from './load-plugin-manifest';

function pluginPackage(faxbot: Record<string, unknown>, extra: Record<string, unknown> = {}, files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'faxbot-manifest-'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: '@acme/fax', version: '1.2.3', faxbot, ...extra }));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

const base = { manifestVersion: 1, id: 'acme', kind: 'backend', apiVersion: 1, entry: './index.js' };

describe('loadPluginManifest', () => {
  it('reads the manifest and the package facts the host checks', async () => {
    const dir = pluginPackage({ ...base, version: '1.2.3' }, { peerDependencies: { '@faxbot/plugin-sdk': '^0.1.0' }, engines: { node: '>=20' } });
    const loaded = await loadPluginManifest(dir);
    expect(loaded).toMatchObject({
      ok: true,
      manifest: { id: 'acme', version: '1.2.3' },
      pkg: { name: '@acme/fax', version: '1.2.3', peerDependencies: { '@faxbot/plugin-sdk': '^0.1.0' }, engines: { node: '>=20' }, dependencies: {} },
    });
  });

  it('inlines a configSchema file from inside the package', async () => {
    const schema = { type: 'object', properties: { token: { type: 'string', writeOnly: true } } };
    const dir = pluginPackage({ ...base, configSchema: './faxbot/config.schema.json' }, {}, { 'faxbot/config.schema.json': JSON.stringify(schema) });
    const loaded = await loadPluginManifest(dir);
    expect(loaded.ok && loaded.manifest.configSchema).toEqual(schema);
  });

  it('accepts ui hints, network requirements and webhook declarations', async () => {
    const dir = pluginPackage({
      ...base,
      ui: { docsUrl: 'https://example.com/docs', fieldOrder: ['token'] },
      requirements: { network: ['api.example.com', '*.fax.example.com:443'], node: '>=20.19' },
      webhooks: [{ path: 'status', methods: ['POST'] }, { path: '' }],
    });
    expect((await loadPluginManifest(dir)).ok).toBe(true);
  });

  it.each([
    ['a configSchema path that escapes via a symlink', 'link.json', 'resolves outside the package'],
    ['a configSchema file that is not JSON', 'bad.json', 'faxbot.configSchema'],
    ['a configSchema file that does not exist', 'missing.json', 'faxbot.configSchema'],
  ])('refuses %s', async (_label, file, reason) => {
    const outside = join(mkdtempSync(join(tmpdir(), 'faxbot-outside-')), 'schema.json');
    writeFileSync(outside, '{"type":"object"}');
    const dir = pluginPackage({ ...base, configSchema: `./${file}` }, {}, { 'bad.json': '{nope' });
    symlinkSync(outside, join(dir, 'link.json'));
    const loaded = await loadPluginManifest(dir);
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) expect(loaded.errors.join('; ')).toContain(reason);
  });

  it.each([
    [{ ...base, version: '2.0.0' }, 'differs from the package version'],
    [{ ...base, webhooks: [{ path: '/abs' }] }, 'faxbot.webhooks.0.path'],
    [{ ...base, requirements: { network: ['http://x'] } }, 'faxbot.requirements.network.0'],
    [{ ...base, ui: { docsUrl: 'http://insecure' } }, 'faxbot.ui.docsUrl'],
  ])('refuses %j with a reason and still reports the id', async (faxbot, reason) => {
    const loaded = await loadPluginManifest(pluginPackage(faxbot));
    expect(loaded).toMatchObject({ ok: false, id: 'acme' });
    if (!loaded.ok) expect(loaded.errors.join('; ')).toContain(reason);
  });

  it('reports an unreadable package.json', async () => {
    const loaded = await loadPluginManifest(mkdtempSync(join(tmpdir(), 'faxbot-empty-')));
    expect(loaded).toMatchObject({ ok: false, pkg: null });
  });
});
