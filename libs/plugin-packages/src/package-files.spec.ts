import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readJsonFile } from './json-file';
import { nodeModulesRoots } from './node-modules-roots';
import { manifestVersionProblem, readPluginPackageJson } from './package-json';
import { entryProblem } from './resolve-inside-package';

describe('reading plugin package files', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'plugin-package-files-'));
    mkdirSync(join(dir, 'pkg', 'dist'), { recursive: true });
    writeFileSync(join(dir, 'pkg', 'dist', 'index.js'), '');
    writeFileSync(join(dir, 'pkg', 'package.json'), JSON.stringify({ name: 'pkg', version: '1.2.3', faxbot: { id: 'pkg-id' } }));
    writeFileSync(join(dir, 'outside.js'), '');
    symlinkSync(join(dir, 'outside.js'), join(dir, 'pkg', 'escape.js'));
    mkdirSync(join(dir, 'bare'));
    writeFileSync(join(dir, 'bare', 'package.json'), '{}');
    writeFileSync(join(dir, 'broken.json'), '{ "version": ');
    mkdirSync(join(dir, 'app', 'node_modules'), { recursive: true });
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('reads name, version and the faxbot id, with defaults for a bare package.json', async () => {
    expect(await readPluginPackageJson(join(dir, 'pkg'))).toMatchObject({ ok: true, pkg: { name: 'pkg', version: '1.2.3', id: 'pkg-id', faxbot: { id: 'pkg-id' } } });
    expect(await readPluginPackageJson(join(dir, 'bare'))).toMatchObject({ ok: true, pkg: { name: join(dir, 'bare'), version: '0.0.0', id: null, faxbot: undefined } });
  });

  it('reports a missing package.json as a sentence, not an exception', async () => {
    expect(await readPluginPackageJson(join(dir, 'absent'))).toEqual({ ok: false, error: expect.stringMatching(/^package\.json: ENOENT/) });
  });

  it('names a manifest version that differs from the package version', () => {
    expect(manifestVersionProblem(undefined, '1.0.0')).toBeNull();
    expect(manifestVersionProblem('1.0.0', '1.0.0')).toBeNull();
    expect(manifestVersionProblem('0.9.0', '1.0.0')).toBe('faxbot.version 0.9.0 differs from the package version 1.0.0');
  });

  it.each([
    ['an entry inside the package', 'dist/index.js', null],
    ['a missing entry', 'dist/absent.js', 'entry dist/absent.js does not exist (is the package built?)'],
    ['an entry that climbs out', '../outside.js', 'entry resolves outside the package'],
    ['a symlink that leads out', 'escape.js', 'entry resolves outside the package'],
  ])('checks %s', async (_label, entry, problem) => {
    expect(await entryProblem(join(dir, 'pkg'), entry)).toBe(problem);
  });

  it.each([
    ['a missing file', 'absent.json', { state: 'missing' }],
    ['a folder', 'pkg', { state: 'unreadable', reason: expect.stringContaining('EISDIR') }],
    ['text that is not JSON', 'broken.json', { state: 'invalid', reason: expect.stringContaining('not valid JSON') }],
    ['a JSON file', 'bare/package.json', { state: 'ok', value: {} }],
  ])('reads %s as a settings file', async (_label, file, expected) => {
    expect(await readJsonFile(join(dir, file))).toMatchObject(expected);
  });

  it('finds every node_modules walking up, including a start folder that is one', () => {
    expect(nodeModulesRoots(join(dir, 'app', 'src'))).toContain(join(dir, 'app', 'node_modules'));
    expect(nodeModulesRoots(join(dir, 'app', 'node_modules'))[0]).toBe(join(dir, 'app', 'node_modules'));
  });
});
