import { mkdtempSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveInsidePackage } from '@faxbot/plugin-packages';
import { loadMcpPluginManifest } from './load-mcp-plugin-manifest';

const MANIFEST = {
  manifestVersion: 1,
  id: 'echo',
  kind: 'mcp',
  apiVersion: 1,
  entry: './index.js',
  name: 'Echo',
  description: 'Echo tools',
  tools: [{ name: 'echo', description: 'Echoes', inputSchema: { type: 'object' } }],
};

describe('loadMcpPluginManifest', () => {
  let dir: string;
  const write = (pkg: unknown): void => writeFileSync(join(dir, 'package.json'), typeof pkg === 'string' ? pkg : JSON.stringify(pkg));

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mcp-manifest-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('reads a valid manifest and the package name and version', async () => {
    write({ name: '@acme/echo', version: '1.2.3', faxbot: { ...MANIFEST, version: '1.2.3' } });
    expect(await loadMcpPluginManifest(dir)).toEqual({ ok: true, manifest: { ...MANIFEST, version: '1.2.3' }, pkg: { name: '@acme/echo', version: '1.2.3' } });
  });

  it.each([
    ['unparseable JSON', '{', 'package.json:', null],
    ['a manifest version differing from the package', { name: 'x', version: '1.0.0', faxbot: { ...MANIFEST, version: '2.0.0' } }, 'differs from the package version', 'echo'],
    ['an invalid manifest', { name: 'x', version: '1.0.0', faxbot: { ...MANIFEST, tools: [] } }, 'faxbot.tools', 'echo'],
  ])('reports %s', async (_label, pkg, expected, id) => {
    write(pkg);
    const loaded = await loadMcpPluginManifest(dir);
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) {
      expect(loaded.errors.join('\n')).toContain(expected);
      expect(loaded.id).toBe(id);
    }
  });

  it('reports a missing package.json', async () => {
    expect(await loadMcpPluginManifest(join(dir, 'nothing'))).toMatchObject({ ok: false, pkg: null, id: null });
  });
});

describe('resolveInsidePackage', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mcp-entry-'));
    mkdirSync(join(dir, 'pkg', 'dist'), { recursive: true });
    writeFileSync(join(dir, 'pkg', 'dist', 'index.js'), '');
    writeFileSync(join(dir, 'outside.js'), '');
    symlinkSync(join(dir, 'outside.js'), join(dir, 'pkg', 'link.js'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('resolves a file inside the package', async () => {
    expect(await resolveInsidePackage(join(dir, 'pkg'), './dist/index.js')).toMatch(/dist[/\\]index\.js$/);
  });

  it.each([['../outside.js'], ['link.js']])('refuses %s, which leads outside', async (path) => {
    await expect(resolveInsidePackage(join(dir, 'pkg'), path)).rejects.toThrow('outside the package');
  });

  it('rejects with ENOENT for a missing file', async () => {
    await expect(resolveInsidePackage(join(dir, 'pkg'), 'dist/missing.js')).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
