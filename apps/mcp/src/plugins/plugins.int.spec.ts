import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tinyPdf } from '../testing/documents.test-helpers';
import { startFaxbotApi, type RunningApi } from '../testing/faxbot-api.test-helpers';
import { callTool, Client, MCP_CLI, StdioClientTransport, textOf, type CallToolResult } from '../testing/mcp-client.test-helpers';
import { writeAllowlist, writeFixturePlugin, writePluginsFile } from './mcp-plugin-fixtures.test-helpers';

const codeOf = (result: CallToolResult): unknown => (result.isError ? result._meta?.['faxbot/error_code'] : 'ok');

// A real API and a real faxbot-mcp process over stdio, with the example plugin (bundled with
// @faxbot/mcp) and fixture plugins found through MCP_PLUGIN_PATH.
describe('MCP plugins in a running faxbot-mcp', () => {
  jest.setTimeout(90_000);
  let api: RunningApi;
  let dir: string;
  let client: Client;
  let stderr = '';

  beforeAll(async () => {
    api = await startFaxbotApi();
    dir = mkdtempSync(join(tmpdir(), 'faxbot-mcp-plugins-'));
    const modules = join(dir, 'node_modules');
    writeFixturePlugin(modules, { packageName: '@acme/flaky', id: 'flaky' });
    writeFixturePlugin(modules, { packageName: 'mcp-unlisted', id: 'unlisted' });
    writeFixturePlugin(modules, { packageName: 'mcp-off', id: 'off' });
    writeAllowlist(join(dir, 'allowlist.json'), [
      { name: '@acme/flaky', id: 'flaky' },
      { name: 'mcp-off', id: 'off' },
    ]);
    writePluginsFile(join(dir, 'mcp-plugins.json'), {
      'fax-number': { enabled: true, config: { defaultCountryCode: '1' } },
      flaky: { enabled: true, timeoutMs: 300 },
      unlisted: { enabled: true },
      off: { enabled: false },
    });
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [MCP_CLI, '--transport', 'stdio'],
      env: {
        PATH: process.env['PATH'] ?? '',
        FAX_API_URL: api.url,
        API_KEY: api.apiKey,
        MCP_LOG_LEVEL: 'debug',
        MCP_PLUGINS_CONFIG: join(dir, 'mcp-plugins.json'),
        FAXBOT_ALLOWLIST_PATH: join(dir, 'allowlist.json'),
        MCP_PLUGIN_PATH: modules,
      },
      stderr: 'pipe',
    });
    transport.stderr?.on('data', (chunk: Buffer) => (stderr += String(chunk)));
    client = new Client({ name: 'faxbot-mcp-plugins-test', version: '0.0.0' });
    await client.connect(transport);
  });

  afterAll(async () => {
    await client?.close();
    await api?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('lists the tools of loaded plugins as <pluginId>_<toolName>, and none of the others', async () => {
    const names = (await client.listTools()).tools.map((tool) => tool.name);
    expect(names).toEqual(expect.arrayContaining(['send_fax', 'fax-number_normalize', 'fax-number_check', 'fax-number_format', 'flaky_echo', 'flaky_throws']));
    expect(names.filter((name) => name.startsWith('unlisted_') || name.startsWith('off_'))).toEqual([]);
  });

  it('runs the example plugin: normalise, explain, format', async () => {
    expect((await callTool(client, 'fax-number_normalize', { number: '(555) 234-5678' })).structuredContent).toEqual({ e164: '+15552345678', countryCode: '1', nationalNumber: '5552345678' });
    const check = await callTool(client, 'fax-number_check', { number: '+1 055 234 5678' });
    expect(check.structuredContent).toMatchObject({ valid: false, problems: [{ code: 'NANP_AREA_CODE' }] });
    expect((await callTool(client, 'fax-number_format', { number: '+442079460018', style: 'international' })).structuredContent).toEqual({ formatted: '+44 207 946 0018', e164: '+442079460018' });
    const refused = await callTool(client, 'fax-number_normalize', { number: 'call me' });
    expect(codeOf(refused)).toBe('INVALID_INPUT');
    expect(textOf(refused)).toContain('letters');
  });

  it('turns a throwing and a hanging plugin tool into error results while every other tool keeps working in the session', async () => {
    const thrown = await callTool(client, 'flaky_throws', { number: '+15552345678' });
    expect(codeOf(thrown)).toBe('INTERNAL');
    const hung = await callTool(client, 'flaky_hangs', {});
    expect(codeOf(hung)).toBe('UNAVAILABLE');
    expect((await callTool(client, 'flaky_echo', { text: 'alive' })).structuredContent).toEqual({ text: 'alive' });
    expect((await callTool(client, 'fax-number_check', { number: '+15552345678' })).structuredContent).toMatchObject({ valid: true });
    const sent = await callTool(client, 'send_fax', { to: '+15552345678', fileContent: tinyPdf().toString('base64'), fileName: 'letter.pdf' });
    expect(codeOf(sent)).toBe('ok');
    expect(sent.structuredContent).toMatchObject({ jobId: expect.any(String) });
  });

  it('logs the plugins it did not load: not on the allowlist, and disabled', () => {
    expect(stderr).toMatch(/"msg":"mcp plugin not loaded","plugin":"unlisted","package":"mcp-unlisted","version":"1.0.0","state":"blocked","reason":"mcp-unlisted@1.0.0 is not in the allowlist/);
    expect(stderr).toMatch(/"msg":"mcp plugin not loaded","plugin":"off","package":"mcp-off","version":"1.0.0","state":"disabled"/);
    expect(stderr).toMatch(/"msg":"mcp plugin loaded","plugin":"fax-number".*"via":"bundled"/);
  });

  it('keeps numbers and thrown messages out of its log', () => {
    expect(stderr).toContain('"msg":"mcp plugin tool failed","plugin":"flaky","tool":"flaky_throws"');
    expect(stderr).not.toMatch(/5552345678|2079460018|exploded/);
  });
});
