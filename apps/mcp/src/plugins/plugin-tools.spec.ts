import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { createFaxbotClient } from '@faxbot/api-client';
import { createStderrLogger } from '../logging/stderr.logger';
import { createServer } from '../server';
import { callTool, connectInMemory, textOf, type CallToolResult, type Client } from '../testing/mcp-client.test-helpers';
import { loadMcpPlugins, type LoadedMcpPlugins } from './load-mcp-plugins';
import { FLAKY_TOOLS, writeAllowlist, writeFixturePlugin, writePluginsFile } from './mcp-plugin-fixtures.test-helpers';

const NUMBER = '+15552345678';
const codeOf = (result: CallToolResult): unknown => (result.isError ? result._meta?.['faxbot/error_code'] : 'ok');

describe('plugin tools in a server session', () => {
  let dir: string;
  let plugins: LoadedMcpPlugins;
  let client: Client;
  let log = '';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mcp-plugin-tools-'));
    const modules = join(dir, 'node_modules');
    writeFixturePlugin(modules, { packageName: '@acme/flaky', id: 'flaky' });
    writeAllowlist(join(dir, 'allowlist.json'), [{ name: '@acme/flaky', id: 'flaky' }]);
    writePluginsFile(join(dir, 'mcp-plugins.json'), { flaky: { enabled: true, timeoutMs: 200 } });
    const stream = new PassThrough();
    stream.on('data', (chunk: Buffer) => (log += String(chunk)));
    const logger = createStderrLogger({ level: 'debug', stream });
    plugins = await loadMcpPlugins({
      settings: { configPath: join(dir, 'mcp-plugins.json'), allowlistPath: join(dir, 'allowlist.json'), searchPaths: [modules], devMode: false },
      logger,
      hostPackageDir: dir,
      hostVersion: '0.0.0-test',
    });
    const server = createServer({
      client: createFaxbotClient({ baseUrl: 'http://127.0.0.1:1', apiKey: '', timeoutMs: 1_000 }),
      logger,
      version: '0.0.0-test',
      maxFileBytes: 1024,
      files: { pathAllowed: false, roots: null },
      fetch: { timeoutMs: 1_000, allowPrivateNetworks: false },
      pluginTools: plugins.tools,
    });
    client = await connectInMemory(server);
  });
  afterAll(async () => {
    await client.close();
    await plugins.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('lists the plugin tools next to the built-in ones, with the manifest schemas as declared', async () => {
    const { tools } = await client.listTools();
    const echo = tools.find((tool) => tool.name === 'flaky_echo');
    expect(tools.map((tool) => tool.name)).toEqual(expect.arrayContaining(['send_fax', 'flaky_echo', 'flaky_throws', 'flaky_hangs']));
    expect(echo?.inputSchema).toMatchObject(FLAKY_TOOLS[0]!.inputSchema);
    expect(echo?.outputSchema).toMatchObject(FLAKY_TOOLS[0]!.outputSchema!);
    expect(echo?.annotations).toMatchObject({ readOnlyHint: true });
  });

  it.each([
    ['throws', { number: NUMBER }, 'INTERNAL', 'failed inside plugin flaky'],
    ['hangs', {}, 'UNAVAILABLE', 'did not answer within 200 ms'],
    ['bad_output', {}, 'INTERNAL', 'does not match its outputSchema'],
    ['refuses', {}, 'INVALID_INPUT', 'say it differently'],
  ])('turns flaky_%s into an error result, and flaky_echo keeps working', async (tool, args, code, text) => {
    const failed = await callTool(client, `flaky_${tool}`, args);
    expect(codeOf(failed)).toBe(code);
    expect(textOf(failed)).toContain(text);
    expect(textOf(failed)).not.toContain('2345678');
    const echoed = await callTool(client, 'flaky_echo', { text: 'still here' });
    expect(echoed.structuredContent).toEqual({ text: 'still here' });
  });

  it.each([
    ['a missing field', {}, 'missing required field "text"'],
    ['an unknown field', { text: 'a', extra: 1 }, 'unknown field "extra"'],
    ['a value too long', { text: 'x'.repeat(101) }, 'must NOT have more than 100 characters'],
  ])('refuses %s before the plugin sees the call', async (_label, args, reason) => {
    const result = await callTool(client, 'flaky_echo', args);
    expect(codeOf(result)).toBe('INVALID_INPUT');
    expect(textOf(result)).toContain(reason);
  });

  it('logs failures with the plugin and tool, never the arguments or the thrown message', async () => {
    await callTool(client, 'flaky_throws', { number: NUMBER });
    expect(log).toMatch(/"msg":"mcp plugin tool failed","plugin":"flaky","tool":"flaky_throws","reason":"threw","errorName":"Error"/);
    expect(log).toMatch(/"msg":"tool call","tool":"flaky_throws","plugin":"flaky","outcome":"error","code":"INTERNAL"/);
    expect(log).not.toContain('2345678');
    expect(log).not.toContain('exploded');
  });
});
