import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeRegistry, type FakeRegistry } from '../plugins/install/fake-npm-registry.test-helpers';
import { packFixture, type PackedFixture } from '../plugins/install/pack-fixture.test-helpers';
import { pluginsCommand } from './plugins.command';

jest.setTimeout(60_000);

const WORKSPACE_PLUGINS = join(__dirname, '..', 'plugins', 'allowlist', '__fixtures__', 'workspace-plugins');
const INSTALLABLE = join(__dirname, '..', 'plugins', 'install', '__fixtures__', 'scoped-plugin');

interface Run {
  code: number;
  out: string;
  err: string;
}

interface ListedPlugin {
  id: string;
  state: string;
  gate: { verdict: string; via?: string; reason?: string };
}

describe('faxbot plugins', () => {
  let work: string;
  let registry: FakeRegistry;
  let scoped: PackedFixture;
  let env: Record<string, string>;

  const run = async (argv: string[], extra: Record<string, string> = {}): Promise<Run> => {
    let out = '';
    let err = '';
    const code = await pluginsCommand(argv, { ...env, ...extra }, { stdout: { write: (text: string) => (out += text) }, stderr: { write: (text: string) => (err += text) } });
    return { code, out, err };
  };
  const listed = async (extra: Record<string, string> = {}): Promise<Record<string, ListedPlugin>> => {
    const result = await run(['list', '--json'], extra);
    expect(result.code).toBe(0);
    return Object.fromEntries((JSON.parse(result.out) as ListedPlugin[]).map((plugin) => [plugin.id, plugin]));
  };
  const writeAllowlist = (plugins: unknown[]): Promise<void> => writeFile(env['FAXBOT_ALLOWLIST_PATH'] as string, JSON.stringify({ version: 1, plugins }));

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'faxbot-cli-plugins-'));
    scoped = await packFixture(INSTALLABLE, join(work, 'packed'));
    registry = await startFakeRegistry();
    registry.publish(scoped.name, scoped.version, scoped.bytes);
    env = {
      PATH: process.env['PATH'] ?? '',
      HOME: process.env['HOME'] ?? work,
      FAX_DATA_DIR: join(work, 'data'),
      FAXBOT_PLUGIN_PATH: WORKSPACE_PLUGINS,
      FAXBOT_ALLOWLIST_PATH: join(work, 'plugin-allowlist.json'),
      FAXBOT_NPM_REGISTRY: registry.url,
    };
  });

  afterAll(async () => {
    await registry?.close();
    await rm(work, { recursive: true, force: true });
  });

  it('lists discovered plugins with their gate verdict; workspace plugins are blocked outside dev mode', async () => {
    const plugins = await listed();
    expect(plugins['loopback']).toMatchObject({ state: 'discovered', gate: { verdict: 'allowed', via: 'bundled' } });
    expect(plugins['ws-good']).toMatchObject({ state: 'blocked', gate: { verdict: 'blocked' } });
    expect(plugins['ws-good']?.gate.reason).toContain('FAXBOT_PLUGIN_DEV_MODE=true');

    const dev = await listed({ FAXBOT_PLUGIN_DEV_MODE: 'true' });
    expect(dev['ws-good']).toMatchObject({ gate: { verdict: 'allowed', via: 'dev-mode' } });

    const text = await run(['list']);
    expect(text.out).toMatch(/^ID\s+PACKAGE\s+STATE\s+GATE\s+REASON/);
    expect(text.out).toMatch(/loopback\s+@faxbot\/plugin-loopback@0\.1\.0\s+discovered\s+allowed \(bundled\)/);
  });

  it('verify exits 1 while any discovered plugin is blocked', async () => {
    const blocked = await run(['verify']);
    expect(blocked.code).toBe(1);
    expect(blocked.out).toContain('BLOCKED  ws-good (faxbot-fixture-workspace-good@0.1.0)');
    expect(blocked.out).toContain('ok       loopback (@faxbot/plugin-loopback@0.1.0): allowed (bundled)');
    expect((await run(['verify'], { FAXBOT_PLUGIN_DEV_MODE: 'true' })).code).toBe(0);
  });

  it('doctor prints one line per problem and exits 1 when a plugin would not load', async () => {
    const result = await run(['doctor']);
    expect(result.code).toBe(1);
    expect(result.out).toContain('ok    loopback (@faxbot/plugin-loopback@0.1.0)');
    expect(result.out).toContain('ok    ws-good (faxbot-fixture-workspace-good@0.1.0)');
    expect(result.out).toContain('FAIL  ws-stale (faxbot-fixture-workspace-stale@3.0.0): apiVersion 2 is not supported (host supports 1)');
    expect(result.out).toMatch(/FAIL {2}ws-stale .*: needs @faxbot\/plugin-sdk@\^9\.0\.0, host provides 0\.1\./);

    const upgrade = await run(['doctor', '--sdk-version', '9.0.0']);
    expect(upgrade.out).toContain('FAIL  ws-good (faxbot-fixture-workspace-good@0.1.0): needs @faxbot/plugin-sdk@^0.1.0, host provides 9.0.0');
    expect(upgrade.out).not.toContain('ws-stale (faxbot-fixture-workspace-stale@3.0.0): needs');
  });

  it('install is refused unless FEATURE_PLUGIN_INSTALL=true', async () => {
    await writeAllowlist([{ name: scoped.name, version: scoped.version, integrity: scoped.integrity, id: 'acme-fixture', kind: 'backend' }]);
    const result = await run(['install', `${scoped.name}@${scoped.version}`]);
    expect(result.code).toBe(1);
    expect(result.err).toContain('FEATURE_DISABLED');
    expect(registry.requests).toEqual([]);
  });

  it('install refuses a wrong integrity and extracts nothing', async () => {
    await writeAllowlist([{ name: scoped.name, version: scoped.version, integrity: `sha512-${'A'.repeat(86)}==`, id: 'acme-fixture', kind: 'backend' }]);
    const result = await run(['install', `${scoped.name}@${scoped.version}`], { FEATURE_PLUGIN_INSTALL: 'true' });
    expect(result.code).toBe(1);
    expect(result.err).toContain('refused (INTEGRITY_MISMATCH)');
    expect(await readFile(join(work, 'data', 'plugins-installed', 'package.json')).catch((error: NodeJS.ErrnoException) => error.code)).toBe('ENOENT');
  });

  it('installs an allowlisted plugin, which list and verify then accept until its kept tarball changes', async () => {
    await writeAllowlist([{ name: scoped.name, version: scoped.version, integrity: scoped.integrity, id: 'acme-fixture', kind: 'backend' }]);
    const result = await run(['install', `${scoped.name}@${scoped.version}`], { FEATURE_PLUGIN_INSTALL: 'true' });
    expect(result).toMatchObject({ code: 0, err: expect.stringContaining('they were not run') });
    expect(result.out).toContain(`Installed ${scoped.name}@1.0.0 (${scoped.integrity})`);

    expect((await listed())['acme-fixture']).toMatchObject({ state: 'discovered', gate: { verdict: 'allowed', via: 'allowlist' } });
    const verified = await run(['verify'], { FAXBOT_PLUGIN_DEV_MODE: 'true' });
    expect(verified).toMatchObject({ code: 0 });
    expect(verified.out).toContain(`ok       acme-fixture (${scoped.name}@1.0.0): allowed (allowlist)`);

    await writeFile(join(work, 'data', 'plugins-installed', '.tarballs', 'acme-faxbot-fixture-scoped-1.0.0.tgz'), 'swapped');
    const tampered = await run(['verify'], { FAXBOT_PLUGIN_DEV_MODE: 'true' });
    expect(tampered.code).toBe(1);
    expect(tampered.out).toContain('does not match its recorded integrity');

    // Dropping the entry from the allowlist blocks the installed package.
    await writeAllowlist([]);
    expect((await listed())['acme-fixture']).toMatchObject({ state: 'blocked', gate: { verdict: 'blocked' } });
  });

  it('stops with exit 2 and every reason when the allowlist is invalid', async () => {
    await writeFile(env['FAXBOT_ALLOWLIST_PATH'] as string, JSON.stringify({ version: 1, plugins: [{ name: 'x', version: '^1.0.0' }] }));
    const result = await run(['list']);
    expect(result.code).toBe(2);
    expect(result.err).toContain('missing required field "integrity"');
    expect(result.err).toContain('missing required field "id"');
    await writeAllowlist([]);
  });

  it.each([
    [[], 2, 'Usage: faxbot plugins'],
    [['help'], 0, 'Usage: faxbot plugins'],
    [['frobnicate'], 2, 'unknown command "frobnicate"'],
    [['list', '--yaml'], 2, 'unknown option --yaml'],
    [['install'], 2, 'install needs exactly one name@version'],
    [['doctor', '--sdk-version'], 2, '--sdk-version needs a value'],
  ])('faxbot plugins %j exits %i', async (argv, code, text) => {
    const result = await run(argv);
    expect(result.code).toBe(code);
    expect(result.out + result.err).toContain(text);
  });

  it('stops with exit 2 on invalid configuration', async () => {
    const result = await run(['list'], { FEATURE_PLUGIN_INSTALL: 'maybe' });
    expect(result).toMatchObject({ code: 2, err: expect.stringContaining('FEATURE_PLUGIN_INSTALL must be true or false') });
  });
});
