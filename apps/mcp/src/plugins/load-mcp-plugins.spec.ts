import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { McpPluginSettings } from '../config/mcp-plugin-settings';
import { createStderrLogger } from '../logging/stderr.logger';
import { loadMcpPlugins, type LoadedMcpPlugins } from './load-mcp-plugins';
import { randomIntegrity, writeAllowlist, writeFixturePlugin, writePluginsFile } from './mcp-plugin-fixtures.test-helpers';

describe('loadMcpPlugins', () => {
  let dir: string;
  let modules: string;
  let host: string;
  let settings: McpPluginSettings;
  let log: string;
  const loaded: LoadedMcpPlugins[] = [];

  async function load(overrides: Partial<McpPluginSettings> = {}): Promise<LoadedMcpPlugins> {
    const stream = new PassThrough();
    stream.on('data', (chunk: Buffer) => (log += String(chunk)));
    const result = await loadMcpPlugins({ settings: { ...settings, ...overrides }, logger: createStderrLogger({ level: 'debug', stream }), hostPackageDir: host, hostVersion: '0.0.0-test', startTimeoutMs: 500 });
    loaded.push(result);
    return result;
  }
  const stateOf = (result: LoadedMcpPlugins, id: string): unknown => result.reports.find((report) => report.id === id);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mcp-plugins-'));
    modules = join(dir, 'extra', 'node_modules');
    host = join(dir, 'host');
    mkdirSync(host, { recursive: true });
    writeFileSync(join(host, 'package.json'), JSON.stringify({ name: '@faxbot/mcp', version: '0.0.0', dependencies: {} }));
    settings = { configPath: join(dir, 'mcp-plugins.json'), allowlistPath: join(dir, 'allowlist.json'), searchPaths: [modules], devMode: false };
    log = '';
  });
  afterEach(async () => {
    await Promise.all(loaded.splice(0).map((result) => result.stop()));
    await rm(dir, { recursive: true, force: true });
  });

  it('loads an allowlisted, enabled plugin, namespacing its tools and passing it its config', async () => {
    writeFixturePlugin(modules, { packageName: '@acme/flaky', id: 'flaky', configSchema: { type: 'object', properties: { greeting: { type: 'string', default: 'hi' } } } });
    writeAllowlist(settings.allowlistPath, [{ name: '@acme/flaky', id: 'flaky' }]);
    writePluginsFile(settings.configPath, { flaky: { enabled: true } });
    const result = await load();
    expect(result.tools.map((tool) => tool.name)).toEqual(['flaky_echo', 'flaky_throws', 'flaky_hangs', 'flaky_bad_output', 'flaky_refuses']);
    expect(stateOf(result, 'flaky')).toMatchObject({ state: 'loaded', packageName: '@acme/flaky' });
    expect(log).toContain('"msg":"flaky started","greeting":"hi","plugin":"flaky"');
    expect(log).toContain('"msg":"mcp plugin loaded","plugin":"flaky"');
  });

  it.each([
    ['not on the allowlist', [], { flaky: { enabled: true } }, 'blocked', 'is not in the allowlist'],
    ['pinned at another version', [{ name: '@acme/flaky', id: 'flaky', version: '2.0.0' }], { flaky: { enabled: true } }, 'blocked', 'pins @acme/flaky at 2.0.0'],
    ['allowlisted as a backend plugin', [{ name: '@acme/flaky', id: 'flaky', kind: 'backend' }], { flaky: { enabled: true } }, 'blocked', 'kind "backend"'],
    ['allowlisted under another id', [{ name: '@acme/flaky', id: 'other' }], { flaky: { enabled: true } }, 'blocked', 'expects id "other"'],
    ['disabled in mcp-plugins.json', [{ name: '@acme/flaky', id: 'flaky' }], { flaky: { enabled: false } }, 'disabled', 'enabled is false'],
    ['missing from mcp-plugins.json', [{ name: '@acme/flaky', id: 'flaky' }], {}, 'disabled', 'not listed in'],
    ['configured against its schema', [{ name: '@acme/flaky', id: 'flaky' }], { flaky: { enabled: true, config: { greeting: 7 } } }, 'invalid', 'config.greeting: must be string'],
  ])('does not load a plugin %s, and logs why', async (_label, allowlist, plugins, state, reason) => {
    writeFixturePlugin(modules, { packageName: '@acme/flaky', id: 'flaky', configSchema: { type: 'object', properties: { greeting: { type: 'string' } } } });
    writeAllowlist(settings.allowlistPath, allowlist);
    writePluginsFile(settings.configPath, plugins);
    const result = await load();
    expect(result.tools).toEqual([]);
    expect(stateOf(result, 'flaky')).toMatchObject({ state, reason: expect.stringContaining(reason) });
    expect(log).toMatch(new RegExp(`"msg":"mcp plugin not loaded","plugin":"flaky".*"state":"${state}"`));
  });

  it.each([
    ['an unsupported apiVersion', { apiVersion: 2 }, 'incompatible', 'apiVersion 2'],
    ['an entry without createPlugin', { source: 'exports.other = 1;' }, 'invalid', 'createPlugin'],
    ['a start that throws', { source: "exports.createPlugin = () => ({ start() { throw new RangeError('no'); }, callTool() {} });" }, 'failed', 'RangeError'],
    ['a start that never finishes', { source: 'exports.createPlugin = () => ({ start: () => new Promise(() => {}), callTool() {} });' }, 'failed', 'TimeoutError'],
    ['an entry that throws on load', { source: "throw new Error('broken module');" }, 'failed', 'broken module'],
  ])('reports a plugin with %s', async (_label, fixture, state, reason) => {
    writeFixturePlugin(modules, { packageName: 'mcp-odd', id: 'odd', ...fixture });
    writeAllowlist(settings.allowlistPath, [{ name: 'mcp-odd', id: 'odd' }]);
    writePluginsFile(settings.configPath, { odd: { enabled: true } });
    expect(stateOf(await load(), 'odd')).toMatchObject({ state, reason: expect.stringContaining(reason) });
  });

  it('reports an invalid manifest without running the package', async () => {
    writeFixturePlugin(modules, { packageName: 'mcp-bad', id: 'bad', tools: [], source: "throw new Error('must not run');" });
    writePluginsFile(settings.configPath, { bad: { enabled: true } });
    expect(stateOf(await load(), 'bad')).toMatchObject({ state: 'invalid', reason: expect.stringContaining('faxbot.tools') });
  });

  it('blocks a pinned plugin whose installed integrity differs from the allowlist', async () => {
    writeFixturePlugin(modules, { packageName: 'mcp-pinned', id: 'pinned' });
    writeFileSync(join(modules, '.package-lock.json'), JSON.stringify({ packages: { 'node_modules/mcp-pinned': { integrity: randomIntegrity() } } }));
    writeAllowlist(settings.allowlistPath, [{ name: 'mcp-pinned', id: 'pinned' }]);
    writePluginsFile(settings.configPath, { pinned: { enabled: true } });
    expect(stateOf(await load(), 'pinned')).toMatchObject({ state: 'blocked', reason: expect.stringContaining('integrity differs') });
  });

  it('loads a workspace-folder plugin only in dev mode', async () => {
    const workspace = join(dir, 'workspace');
    writeFixturePlugin(workspace, { packageName: 'ws-plugin', id: 'wsp' });
    writePluginsFile(settings.configPath, { wsp: { enabled: true } });
    const searchPaths = [join(workspace, 'ws-plugin')];
    expect(stateOf(await load({ searchPaths }), 'wsp')).toMatchObject({ state: 'blocked', reason: expect.stringContaining('MCP_PLUGIN_DEV_MODE') });
    expect(stateOf(await load({ searchPaths, devMode: true }), 'wsp')).toMatchObject({ state: 'loaded' });
  });

  it("loads a dependency of the host package from the host's own node_modules without an allowlist entry", async () => {
    writeFileSync(join(host, 'package.json'), JSON.stringify({ name: '@faxbot/mcp', version: '0.0.0', dependencies: { 'mcp-bundled': '^1.0.0' } }));
    writeFixturePlugin(join(host, 'node_modules'), { packageName: 'mcp-bundled', id: 'bundled' });
    writePluginsFile(settings.configPath, { bundled: { enabled: true } });
    expect(stateOf(await load({ searchPaths: [] }), 'bundled')).toMatchObject({ state: 'loaded' });
    expect(log).toContain('"via":"bundled"');
  });

  it('keeps the first of two packages with one id', async () => {
    writeFixturePlugin(modules, { packageName: 'mcp-a', id: 'same' });
    writeFixturePlugin(modules, { packageName: 'mcp-b', id: 'same' });
    const result = await load();
    expect(result.reports.map((report) => report.state)).toEqual(['disabled', 'invalid']);
    expect(result.reports[1]?.reason).toContain('duplicate plugin id "same"');
  });

  it.each([
    ['an invalid mcp-plugins.json', (): void => writeFileSync(settings.configPath, JSON.stringify({ version: 1, plugins: { flaky: { enabled: 'yes' } } })), 'mcp-plugins.plugins.flaky.enabled: must be boolean'],
    ['mcp-plugins.json that is not JSON', (): void => writeFileSync(settings.configPath, '{'), 'not valid JSON'],
    ['an invalid allowlist', (): void => writeFileSync(settings.allowlistPath, JSON.stringify({ version: 1, plugins: [{ name: 'x', version: '^1.0.0', id: 'xx', kind: 'mcp', integrity: randomIntegrity() }] })), 'must be an exact version'],
  ])('loads no plugin with %s and says why', async (_label, write, reason) => {
    writeFixturePlugin(modules, { packageName: '@acme/flaky', id: 'flaky' });
    writeAllowlist(settings.allowlistPath, [{ name: '@acme/flaky', id: 'flaky' }]);
    writePluginsFile(settings.configPath, { flaky: { enabled: true } });
    write();
    const result = await load();
    expect(result.tools).toEqual([]);
    expect(log).toContain('"level":"error","msg":"mcp plugins not loaded: a plugin settings file is unusable"');
    expect(log).toContain(reason);
  });

  it('loads nothing when neither file exists, and warns about configured plugins it cannot find', async () => {
    expect((await load()).tools).toEqual([]);
    writePluginsFile(settings.configPath, { ghost: { enabled: true } });
    await load();
    expect(log).toContain('"msg":"mcp plugin configured but not found","plugin":"ghost"');
  });

  it('stops started plugins and survives one whose stop throws', async () => {
    writeFixturePlugin(modules, { packageName: 'mcp-stopper', id: 'stopper', source: "exports.createPlugin = () => ({ callTool() { return {}; }, stop() { throw new Error('no'); } });" });
    writeAllowlist(settings.allowlistPath, [{ name: 'mcp-stopper', id: 'stopper' }]);
    writePluginsFile(settings.configPath, { stopper: { enabled: true } });
    await (await load()).stop();
    expect(log).toContain('"msg":"mcp plugin did not stop cleanly","plugin":"stopper"');
  });
});
