import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findPluginPackages, keepFirstById } from './find-plugin-packages';

function writePackage(dir: string, pkg: Record<string, unknown>): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify(pkg));
}

describe('findPluginPackages', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'plugin-packages-'));
    const modules = join(root, 'node_modules');
    writePackage(join(modules, 'plain'), { name: 'plain' });
    writePackage(join(modules, '@acme', 'mcp-x'), { name: '@acme/mcp-x', faxbot: { kind: 'mcp' } });
    writePackage(join(modules, 'backend-y'), { name: 'backend-y', faxbot: { kind: 'backend' } });
    writePackage(join(modules, 'odd'), { faxbot: 'not an object' });
    writePackage(join(modules, '.hidden'), { name: 'hidden', faxbot: { kind: 'mcp' } });
    mkdirSync(join(modules, 'broken'));
    writeFileSync(join(modules, 'broken', 'package.json'), '{');
    symlinkSync(join(modules, 'backend-y'), join(modules, 'linked-y'));
    writePackage(join(root, 'workspace', 'own'), { name: 'own', faxbot: { kind: 'mcp' } });
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('lists packages with a faxbot key, scoped ones included, each real folder once, hidden and broken ones skipped', async () => {
    const found = await findPluginPackages([join(root, 'node_modules'), join(root, 'node_modules')]);
    const listed = found.map(({ name, kind }) => [name, kind]);
    expect(listed).toHaveLength(3);
    expect(listed).toEqual(expect.arrayContaining([['@acme/mcp-x', 'mcp'], ['backend-y', 'backend'], [join(root, 'node_modules', 'odd'), undefined]]));
  });

  it('takes a root that is itself a plugin package as that package, and skips roots that do not exist', async () => {
    const found = await findPluginPackages([join(root, 'workspace', 'own'), join(root, 'absent')]);
    expect(found).toEqual([{ dir: join(root, 'workspace', 'own'), name: 'own', kind: 'mcp' }]);
  });
});

describe('keepFirstById', () => {
  it('marks later packages with a taken id as invalid, naming the first', () => {
    const plugins = [
      { id: 'x', packageName: 'a', state: 'discovered', reason: null },
      { id: 'y', packageName: 'b', state: 'discovered', reason: null },
      { id: 'x', packageName: 'c', state: 'discovered', reason: null },
    ];
    expect(keepFirstById(plugins).map((plugin) => [plugin.packageName, plugin.state, plugin.reason])).toEqual([
      ['a', 'discovered', null],
      ['b', 'discovered', null],
      ['c', 'invalid', 'duplicate plugin id "x" (already provided by a)'],
    ]);
  });
});
