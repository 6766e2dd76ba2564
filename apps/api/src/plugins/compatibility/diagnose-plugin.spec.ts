import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diagnosePlugin, type DoctorHost } from './diagnose-plugin';
import { readHostSdk, resolveSdkFrom } from './host-sdk';

describe('diagnosePlugin', () => {
  let root: string;
  let host: DoctorHost;
  const pluginAt = async (name: string, pkg: Record<string, unknown>): Promise<string> => {
    const dir = join(root, 'node_modules', name);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'package.json'), JSON.stringify({ name, version: '1.0.0', ...pkg }));
    return dir;
  };

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'faxbot-doctor-'));
    const sdk = readHostSdk();
    host = { sdkVersion: sdk.version, sdkDir: sdk.dir, supportedApiVersions: [1], nodeVersion: 'v20.19.0' };
    await mkdir(join(root, 'node_modules', '@faxbot'), { recursive: true });
    await symlink(sdk.dir, join(root, 'node_modules', '@faxbot', 'plugin-sdk'), 'junction');
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('finds nothing wrong with a plugin that uses the host SDK', async () => {
    const dir = await pluginAt('good', { peerDependencies: { '@faxbot/plugin-sdk': `^${host.sdkVersion}` } });
    expect(await resolveSdkFrom(dir)).toBe(host.sdkDir);
    expect(await diagnosePlugin({ dir, manifest: { apiVersion: 1 }, state: 'discovered', reason: null }, host)).toEqual([]);
  });

  it('lists every problem, including a second SDK copy next to the plugin', async () => {
    const dir = await pluginAt('bad', { peerDependencies: { '@faxbot/plugin-sdk': '^9.0.0' }, dependencies: { '@faxbot/plugin-sdk': '9.0.0' } });
    const copy = join(dir, 'node_modules', '@faxbot', 'plugin-sdk');
    await mkdir(copy, { recursive: true });
    await writeFile(join(copy, 'package.json'), '{"name":"@faxbot/plugin-sdk","version":"9.0.0"}');
    const problems = await diagnosePlugin({ dir, manifest: { apiVersion: 2 }, state: 'discovered', reason: null }, host);
    expect(problems).toEqual([
      'apiVersion 2 is not supported (host supports 1)',
      `needs @faxbot/plugin-sdk@^9.0.0, host provides ${host.sdkVersion}`,
      "@faxbot/plugin-sdk is listed in dependencies; it must be a peer dependency only (a second copy would not share the host's tokens)",
      `resolves a second copy of @faxbot/plugin-sdk (${copy}, host uses ${host.sdkDir})`,
    ]);
  });

  it('checks against another SDK version for an upgrade', async () => {
    const dir = await pluginAt('upgrade', { peerDependencies: { '@faxbot/plugin-sdk': '^0.1.0' } });
    expect(await diagnosePlugin({ dir, manifest: { apiVersion: 1 }, state: 'discovered', reason: null }, { ...host, sdkVersion: '1.0.0' })).toEqual([
      'needs @faxbot/plugin-sdk@^0.1.0, host provides 1.0.0',
    ]);
  });

  it('reports an invalid manifest and an SDK it cannot resolve', async () => {
    expect(await diagnosePlugin({ dir: root, manifest: null, state: 'invalid', reason: 'faxbot.kind: must be one of ["backend","mcp"]' }, host)).toEqual([
      'manifest invalid: faxbot.kind: must be one of ["backend","mcp"]',
    ]);
    const lonely = await mkdtemp(join(tmpdir(), 'faxbot-doctor-lonely-'));
    await writeFile(join(lonely, 'package.json'), JSON.stringify({ peerDependencies: { '@faxbot/plugin-sdk': `^${host.sdkVersion}` } }));
    expect(await diagnosePlugin({ dir: lonely, manifest: { apiVersion: 1 }, state: 'discovered', reason: null }, host)).toEqual([
      `@faxbot/plugin-sdk cannot be resolved from ${lonely}`,
    ]);
    await rm(lonely, { recursive: true, force: true });
  });
});
