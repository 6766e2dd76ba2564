import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeIntegrity, installRootOf, readInstalledIntegrity, type Allowlist, type GateCandidate } from '@faxbot/plugin-packages';
import { gateInstalledPlugin, gatePlugin, type GateContext } from './plugin-gate';

const PINNED = computeIntegrity(Buffer.from('reviewed tarball'));
const OTHER = computeIntegrity(Buffer.from('another tarball'));
const allowlist: Allowlist = { version: 1, plugins: [{ name: '@acme/sinch', version: '2.3.1', integrity: PINNED, id: 'acme-sinch', kind: 'backend' }] };
const LOOPBACK_DIR = '/srv/faxbot/node_modules/@faxbot/plugin-loopback';
const bundled = { '@faxbot/plugin-loopback': { range: '^0.1.0', dir: LOOPBACK_DIR } };

const acme: GateCandidate = { packageName: '@acme/sinch', version: '2.3.1', id: 'acme-sinch', kind: 'backend', dir: '/srv/data/plugins-installed/node_modules/@acme/sinch' };
const loopback: GateCandidate = { packageName: '@faxbot/plugin-loopback', version: '0.1.0', id: 'loopback', kind: 'backend', dir: LOOPBACK_DIR };
const workspace: GateCandidate = { packageName: '@faxbot/plugin-phaxio', version: '0.1.0', id: 'phaxio', kind: 'backend', dir: '/work/faxbot/libs/plugins/phaxio' };
const context: GateContext = { allowlist, bundled, devMode: false };

describe('gatePlugin', () => {
  it.each([
    ['an exact allowlist match', acme, {}, { verdict: 'allowed', via: 'allowlist' }],
    ['an allowlist match whose lockfile agrees', acme, { installedIntegrity: PINNED }, { verdict: 'allowed', via: 'allowlist' }],
    ['an allowlist match with a multi-hash lockfile entry', acme, { installedIntegrity: `${PINNED} sha1-2jmj7l5rSw0yVb/vlWAYkK/YBwk=` }, { verdict: 'allowed', via: 'allowlist' }],
    ['the bundled copy of a first-party plugin', loopback, {}, { verdict: 'allowed', via: 'bundled' }],
    ['a workspace plugin in dev mode', workspace, { devMode: true }, { verdict: 'allowed', via: 'dev-mode' }],
  ] as Array<[string, GateCandidate, Partial<GateContext>, unknown]>)('allows %s', (_case, candidate, overrides, expected) => {
    expect(gatePlugin(candidate, { ...context, ...overrides })).toEqual(expected);
  });

  it.each([
    ['a package not in the allowlist', { ...acme, packageName: '@acme/other' }, {}, '@acme/other@2.3.1 is not in the allowlist'],
    ['another version', { ...acme, version: '2.3.2' }, {}, 'the allowlist pins @acme/sinch at 2.3.1, not 2.3.2'],
    ['another id', { ...acme, id: 'acme-sms' }, {}, 'expects id "acme-sinch", the package declares "acme-sms"'],
    ['another kind', { ...acme, kind: 'mcp' }, {}, 'expects kind "backend", the package declares "mcp"'],
    ['a lockfile integrity that differs', acme, { installedIntegrity: OTHER }, 'integrity differs from allowlist'],
    ['a bundled name outside the bundled range', { ...loopback, version: '0.2.0' }, {}, 'not the bundled version (@faxbot/api depends on @faxbot/plugin-loopback@^0.1.0)'],
    ['a same-named copy elsewhere', { ...loopback, dir: '/tmp/evil/node_modules/@faxbot/plugin-loopback' }, {}, 'not the bundled copy of @faxbot/plugin-loopback'],
    ['a workspace plugin outside dev mode', workspace, {}, 'workspace plugins load only in development mode (FAXBOT_PLUGIN_DEV_MODE=true)'],
    ['a node_modules package in dev mode', { ...acme, packageName: '@acme/other' }, { devMode: true }, 'not in the allowlist'],
  ] as Array<[string, GateCandidate, Partial<GateContext>, string]>)('blocks %s', (_case, candidate, overrides, reason) => {
    const verdict = gatePlugin(candidate, { ...context, ...overrides });
    expect(verdict.verdict).toBe('blocked');
    expect(verdict.verdict === 'blocked' ? verdict.reason : '').toContain(reason);
  });

  it('does not let dev mode or a bundled name rescue a pinned package whose integrity differs', () => {
    const pinnedLoopback: Allowlist = { version: 1, plugins: [{ name: loopback.packageName, version: '0.1.0', integrity: PINNED, id: 'loopback', kind: 'backend' }] };
    expect(gatePlugin(loopback, { ...context, allowlist: pinnedLoopback, devMode: true, installedIntegrity: OTHER }).verdict).toBe('blocked');
  });
});

describe('installed integrity', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'faxbot-gate-'));
    await mkdir(join(root, 'node_modules', '@acme', 'sinch'), { recursive: true });
    await writeFile(
      join(root, 'node_modules', '.package-lock.json'),
      JSON.stringify({ lockfileVersion: 3, packages: { 'node_modules/@acme/sinch': { version: '2.3.1', integrity: OTHER }, 'node_modules/linked': { link: true } } }),
    );
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('reads the hidden lockfile, null when absent', async () => {
    expect(await readInstalledIntegrity(root, '@acme/sinch')).toBe(OTHER);
    expect(await readInstalledIntegrity(root, 'linked')).toBeNull();
    expect(await readInstalledIntegrity(root, 'absent')).toBeNull();
    expect(await readInstalledIntegrity(join(root, 'nowhere'), '@acme/sinch')).toBeNull();
  });

  it('finds the project folder of a package in node_modules', () => {
    expect(installRootOf('/srv/app/node_modules/@acme/sinch', '@acme/sinch')).toBe('/srv/app');
    expect(installRootOf('/work/faxbot/libs/plugins/phaxio', '@faxbot/plugin-phaxio')).toBeNull();
  });

  it('blocks an installed package whose lockfile integrity was changed from the pin', async () => {
    const verdict = await gateInstalledPlugin({ ...acme, dir: join(root, 'node_modules', '@acme', 'sinch') }, context);
    expect(verdict).toMatchObject({ verdict: 'blocked', reason: expect.stringContaining('integrity differs from allowlist') });
  });

  it('blocks when the lockfile is unreadable', async () => {
    const broken = await mkdtemp(join(tmpdir(), 'faxbot-gate-broken-'));
    await mkdir(join(broken, 'node_modules'));
    await writeFile(join(broken, 'node_modules', '.package-lock.json'), '{ nope');
    const verdict = await gateInstalledPlugin({ ...acme, dir: join(broken, 'node_modules', '@acme', 'sinch') }, context);
    expect(verdict).toMatchObject({ verdict: 'blocked', reason: expect.stringContaining('is unreadable') });
    await rm(broken, { recursive: true, force: true });
  });
});
