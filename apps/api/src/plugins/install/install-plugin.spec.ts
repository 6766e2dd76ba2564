import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { computeIntegrity, readInstalledIntegrity, type Allowlist, type AllowlistEntry } from '@faxbot/plugin-packages';
import { gateInstalledPlugin } from '../allowlist/plugin-gate';
import { readHostSdk, resolveSdkFrom } from '../compatibility/host-sdk';
import { startFakeRegistry, type FakeRegistry } from './fake-npm-registry.test-helpers';
import { installedPluginsRoot, installPlugin, type InstallPluginOptions } from './install-plugin';
import { readInstallRecords } from './install-record';
import { packFixture, type PackedFixture } from './pack-fixture.test-helpers';
import type { PluginInstallError } from './plugin-install.error';
import { npmInstallArgs } from './run-npm-install';

jest.setTimeout(60_000);

const FIXTURES = join(__dirname, '__fixtures__');
const exists = (path: string): Promise<boolean> => readFile(path).then(
  () => true,
  () => false,
);

describe('installPlugin against a registry on loopback', () => {
  let work: string;
  let registry: FakeRegistry;
  let scoped: PackedFixture;
  let plain: PackedFixture;
  let tampered: PackedFixture;
  let markers: string;

  const entry = (fixture: PackedFixture, id: string, overrides: Partial<AllowlistEntry> = {}): AllowlistEntry => ({
    name: fixture.name,
    version: fixture.version,
    integrity: fixture.integrity,
    id,
    kind: 'backend',
    ...overrides,
  });
  const allowlistOf = (...plugins: AllowlistEntry[]): Allowlist => ({ version: 1, plugins });
  let counter = 0;
  const options = (overrides: Partial<InstallPluginOptions>): InstallPluginOptions => ({
    spec: `${scoped.name}@${scoped.version}`,
    allowlist: allowlistOf(entry(scoped, 'acme-fixture'), entry(plain, 'plain-fixture')),
    registryUrl: registry.url,
    pluginDir: join(work, `plugins-${(counter += 1)}`),
    featureEnabled: true,
    npmEnv: { ...process.env, FAXBOT_FIXTURE_MARKER_DIR: markers },
    ...overrides,
  });
  const refusal = (promise: Promise<unknown>): Promise<PluginInstallError> =>
    promise.then(
      () => {
        throw new Error('expected the install to be refused');
      },
      (error: PluginInstallError) => error,
    );

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'faxbot-install-'));
    markers = join(work, 'markers');
    await cp(join(FIXTURES, 'scoped-plugin'), join(work, 'tampered-src'), { recursive: true });
    await writeFile(join(work, 'tampered-src', 'index.js'), 'require("node:child_process"); // not what was reviewed\n');
    await mkdir(markers);
    const packed = join(work, 'packed');
    scoped = await packFixture(join(FIXTURES, 'scoped-plugin'), packed);
    plain = await packFixture(join(FIXTURES, 'plain-plugin'), join(packed, 'plain'));
    tampered = await packFixture(join(work, 'tampered-src'), join(packed, 'tampered'));
    registry = await startFakeRegistry();
    registry.publish(scoped.name, scoped.version, scoped.bytes);
    registry.publish(plain.name, plain.version, plain.bytes);
  });

  afterAll(async () => {
    await registry?.close();
    await rm(work, { recursive: true, force: true });
  });

  beforeEach(() => {
    registry.requests.length = 0;
  });

  it('computes the same integrity as npm pack', () => {
    expect(computeIntegrity(scoped.bytes)).toBe(scoped.integrity);
    expect(scoped.integrity).not.toBe(tampered.integrity);
  });

  it('installs a pinned tarball with scripts off, records it and links the host SDK', async () => {
    const opts = options({});
    const result = await installPlugin(opts);

    expect(result).toMatchObject({ name: scoped.name, version: '1.0.0', integrity: scoped.integrity });
    expect(result.packageDir).toBe(join(opts.pluginDir, 'node_modules', '@acme', 'faxbot-fixture-scoped'));
    expect(await exists(join(result.packageDir, 'index.js'))).toBe(true);
    expect(JSON.parse(await readFile(join(result.packageDir, 'package.json'), 'utf8'))).toMatchObject({ faxbot: { id: 'acme-fixture' } });
    // The fixture's preinstall/install/postinstall would each leave a marker.
    expect((await readdir(result.packageDir)).filter((file) => file.endsWith('-ran'))).toEqual([]);
    expect(await readdir(markers)).toEqual([]);
    expect(result.warnings.join('\n')).toContain('install scripts (preinstall, install, postinstall); they were not run');

    expect(computeIntegrity(await readFile(result.tarballPath))).toBe(scoped.integrity);
    expect(await readInstalledIntegrity(opts.pluginDir, scoped.name)).toBe(scoped.integrity);
    expect(await readInstallRecords(opts.pluginDir)).toEqual([{ name: scoped.name, version: '1.0.0', integrity: scoped.integrity, installedAt: result.installedAt }]);
    expect(JSON.parse(await readFile(join(opts.pluginDir, 'package.json'), 'utf8'))).toMatchObject({ private: true, name: 'faxbot-installed-plugins' });
    expect(await resolveSdkFrom(result.packageDir)).toBe(readHostSdk().dir);
    // npm's escaping of scoped names; nothing else was asked of the registry (no peer lookups).
    expect(registry.requests).toEqual([`/@acme%2ffaxbot-fixture-scoped`, `/@acme/faxbot-fixture-scoped/-/faxbot-fixture-scoped-1.0.0.tgz`]);

    // A second plugin in the same folder keeps the first, the record and the SDK link.
    const second = await installPlugin({ ...opts, spec: `${plain.name}@${plain.version}` });
    expect(await exists(join(result.packageDir, 'index.js'))).toBe(true);
    expect(await exists(join(second.packageDir, 'index.js'))).toBe(true);
    expect((await readInstallRecords(opts.pluginDir)).map((record) => record.name)).toEqual([scoped.name, plain.name]);
    expect(await resolveSdkFrom(second.packageDir)).toBe(readHostSdk().dir);

    // What the host's gate then sees: allowed by the allowlist, with the lockfile's integrity.
    const gate = await gateInstalledPlugin(
      { packageName: scoped.name, version: '1.0.0', id: 'acme-fixture', kind: 'backend', dir: result.packageDir },
      { allowlist: opts.allowlist, bundled: {}, devMode: false },
    );
    expect(gate).toEqual({ verdict: 'allowed', via: 'allowlist' });
  });

  it('uses a fixture whose install scripts really would run (control for the test above)', async () => {
    const dir = join(work, 'with-scripts');
    await mkdir(dir);
    await writeFile(join(dir, 'package.json'), '{ "private": true, "name": "control" }\n');
    const args = npmInstallArgs({ prefix: dir, tarballPath: scoped.path, registryUrl: registry.url }).filter((arg) => arg !== '--ignore-scripts');
    await promisify(execFile)('npm', args, { env: { ...process.env, npm_config_ignore_scripts: 'false' } });
    expect(await exists(join(dir, 'node_modules', '@acme', 'faxbot-fixture-scoped', 'postinstall-ran'))).toBe(true);
  });

  it('refuses a tarball whose sha512 differs from the pin before writing anything', async () => {
    const opts = options({ allowlist: allowlistOf(entry(scoped, 'acme-fixture', { integrity: plain.integrity })) });
    const error = await refusal(installPlugin(opts));
    expect(error.code).toBe('INTEGRITY_MISMATCH');
    expect(error.message).toContain(scoped.integrity);
    expect(await readdir(opts.pluginDir).catch((failure: NodeJS.ErrnoException) => failure.code)).toBe('ENOENT');
  });

  it('refuses a tampered tarball even when the registry vouches for it', async () => {
    registry.publish('@acme/faxbot-fixture-tampered', '1.0.0', tampered.bytes);
    const tamperedEntry = entry(scoped, 'acme-fixture', { name: '@acme/faxbot-fixture-tampered' });
    const opts = options({ spec: '@acme/faxbot-fixture-tampered@1.0.0', allowlist: allowlistOf(tamperedEntry) });
    const error = await refusal(installPlugin(opts));
    expect(error.code).toBe('INTEGRITY_MISMATCH');
    expect(error.message).toContain(tampered.integrity);
    expect(await readdir(opts.pluginDir).catch((failure: NodeJS.ErrnoException) => failure.code)).toBe('ENOENT');
  });

  it('names a registry whose dist.integrity disagrees with the bytes it served', async () => {
    registry.publish('@acme/faxbot-fixture-liar', '1.0.0', scoped.bytes, { distIntegrity: plain.integrity });
    const opts = options({ spec: '@acme/faxbot-fixture-liar@1.0.0', allowlist: allowlistOf(entry(scoped, 'acme-fixture', { name: '@acme/faxbot-fixture-liar', integrity: tampered.integrity })) });
    const error = await refusal(installPlugin(opts));
    expect(error.code).toBe('INTEGRITY_MISMATCH');
    expect(error.message).toContain(`dist.integrity (${plain.integrity}) does not match`);
  });

  it('refuses a tarball that holds another package than the entry approved, before writing', async () => {
    registry.publish('@acme/faxbot-fixture-renamed', '1.0.0', scoped.bytes);
    const opts = options({ spec: '@acme/faxbot-fixture-renamed@1.0.0', allowlist: allowlistOf(entry(scoped, 'acme-fixture', { name: '@acme/faxbot-fixture-renamed' })) });
    expect((await refusal(installPlugin(opts))).code).toBe('PACKAGE_MISMATCH');
    const wrongId = options({ allowlist: allowlistOf(entry(scoped, 'someone-else')) });
    const error = await refusal(installPlugin(wrongId));
    expect(error.code).toBe('PACKAGE_MISMATCH');
    expect(error.message).toContain('"acme-fixture"');
    expect(await readdir(wrongId.pluginDir).catch((failure: NodeJS.ErrnoException) => failure.code)).toBe('ENOENT');
  });

  it.each([
    ['a package not in the allowlist', { spec: 'left-pad@1.3.0' }, 'NOT_ALLOWLISTED'],
    ['another version of an allowlisted package', { spec: '@acme/faxbot-fixture-scoped@1.0.1' }, 'NOT_ALLOWLISTED'],
    ['a tag instead of a version', { spec: '@acme/faxbot-fixture-scoped@latest' }, 'INVALID_SPEC'],
    ['the feature switched off', { featureEnabled: false }, 'FEATURE_DISABLED'],
  ] as Array<[string, Partial<InstallPluginOptions>, string]>)('refuses %s before any request reaches the registry', async (_case, overrides, code) => {
    expect((await refusal(installPlugin(options(overrides)))).code).toBe(code);
    expect(registry.requests).toEqual([]);
  });

  it('installs into <FAX_DATA_DIR>/plugins-installed, whose node_modules is a discovery root', () => {
    expect(installedPluginsRoot('/srv/faxdata')).toBe(join('/srv/faxdata', 'plugins-installed', 'node_modules'));
  });

  it('reports a package or version the registry does not have', async () => {
    const missing = options({ spec: 'faxbot-fixture-missing@1.0.0', allowlist: allowlistOf(entry(plain, 'plain-fixture', { name: 'faxbot-fixture-missing', version: '1.0.0' })) });
    const error = await refusal(installPlugin(missing));
    expect(error.code).toBe('PACKAGE_NOT_FOUND');
    expect(error.message).toContain('has no package "faxbot-fixture-missing" (404)');
    const version = options({ spec: `${plain.name}@9.9.9`, allowlist: allowlistOf(entry(plain, 'plain-fixture', { version: '9.9.9' })) });
    expect((await refusal(installPlugin(version))).code).toBe('VERSION_NOT_FOUND');
  });

  it('refuses a tarball above the size cap without writing it', async () => {
    const opts = options({ maxTarballBytes: 100 });
    expect((await refusal(installPlugin(opts))).code).toBe('TARBALL_TOO_LARGE');
    expect(await readdir(opts.pluginDir).catch((failure: NodeJS.ErrnoException) => failure.code)).toBe('ENOENT');
  });

  it('reports an unreachable registry', async () => {
    const closed = await startFakeRegistry();
    await closed.close();
    expect((await refusal(installPlugin(options({ registryUrl: closed.url })))).code).toBe('REGISTRY_UNREACHABLE');
  });
});
