import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tinyPdf } from '../testing/documents.test-helpers';
import { startFaxbotApi, type RunningApi } from '../testing/faxbot-api.test-helpers';
import { callTool, Client, MCP_CLI, StdioClientTransport, textOf, waitForFinalStatus } from '../testing/mcp-client.test-helpers';

const NUMBER = '+15551234567';
// The repository's own plugin settings (the bundled fax-number plugin enabled), whatever the working folder.
const REPO_MCP_PLUGINS_CONFIG = join(__dirname, '..', '..', '..', '..', 'config', 'mcp-plugins.json');

describe('faxbot-mcp --transport stdio against the real API', () => {
  jest.setTimeout(60_000);
  let api: RunningApi;
  let dir: string;
  let client: Client;
  let stderr = '';
  const transportErrors: Error[] = [];

  beforeAll(async () => {
    api = await startFaxbotApi();
    dir = mkdtempSync(join(tmpdir(), 'faxbot-mcp-stdio-'));
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [MCP_CLI, '--transport', 'stdio'],
      env: { PATH: process.env['PATH'] ?? '', FAX_API_URL: api.url, API_KEY: api.apiKey, MCP_LOG_LEVEL: 'debug', MCP_PLUGINS_CONFIG: REPO_MCP_PLUGINS_CONFIG },
      stderr: 'pipe',
    });
    transport.stderr?.on('data', (chunk: Buffer) => {
      stderr += String(chunk);
    });
    client = new Client({ name: 'faxbot-mcp-test', version: '0.0.0' });
    client.onerror = (error) => transportErrors.push(error);
    await client.connect(transport);
  });

  afterAll(async () => {
    await client?.close();
    await api?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('lists the fax and bundled plugin tools with input and output schemas, and the send_fax_well prompt', async () => {
    const { tools } = await client.listTools();
    // The fax tools, then the tools of the bundled fax-number MCP plugin, enabled in config/mcp-plugins.json.
    expect(tools.map((tool) => tool.name).sort()).toEqual(['cancel_fax', 'fax-number_check', 'fax-number_format', 'fax-number_normalize', 'get_fax', 'get_fax_status', 'get_inbound_pdf', 'list_inbound', 'send_fax']);
    for (const tool of tools) {
      expect(tool.inputSchema.type).toBe('object');
      expect(tool.outputSchema?.type).toBe('object');
    }
    const sendFax = tools.find((tool) => tool.name === 'send_fax');
    expect(Object.keys(sendFax?.inputSchema.properties ?? {}).sort()).toEqual(['fileContent', 'fileName', 'filePath', 'fileType', 'fileUrl', 'to']);
    expect(sendFax?.inputSchema.required).toEqual(['to']);

    const { prompts } = await client.listPrompts();
    expect(prompts.map((prompt) => prompt.name)).toEqual(['send_fax_well']);
    const prompt = await client.getPrompt({ name: 'send_fax_well' });
    const content = prompt.messages[0]?.content;
    expect(content?.type === 'text' ? content.text : '').toContain('E.164');
  });

  it('sends a PDF by filePath and follows it to SUCCESS', async () => {
    const path = join(dir, 'referral.pdf');
    writeFileSync(path, tinyPdf());
    const sent = await callTool(client, 'send_fax', { to: NUMBER, filePath: path });
    expect(sent.isError).toBeFalsy();
    const job = sent.structuredContent as { jobId: string; status: string; final: boolean };
    expect(job).toMatchObject({ status: 'queued', final: false });
    expect(JSON.parse(textOf(sent))).toEqual(sent.structuredContent);

    expect(await waitForFinalStatus(client, job.jobId)).toMatchObject({ jobId: job.jobId, status: 'SUCCESS', final: true, errorCode: null, pages: 1 });
    const fax = await callTool(client, 'get_fax', { id: job.jobId });
    expect(fax.structuredContent).toMatchObject({ jobId: job.jobId, to: NUMBER, status: 'SUCCESS', backend: 'loopback' });
  });

  it('sends a text document as base64 fileContent', async () => {
    const fileContent = Buffer.from('Referral for follow-up.\n').toString('base64');
    const sent = await callTool(client, 'send_fax', { to: '+1 (555) 765-4321', fileContent, fileName: 'note', fileType: 'txt' });
    expect(sent.isError).toBeFalsy();
    const { jobId } = sent.structuredContent as { jobId: string };
    expect(await waitForFinalStatus(client, jobId)).toMatchObject({ status: 'SUCCESS' });
  });

  it('reports a failed delivery with its error code', async () => {
    const fileContent = Buffer.from('hello\n').toString('base64');
    const sent = await callTool(client, 'send_fax', { to: '+15550000004', fileContent, fileName: 'hello.txt' });
    const { jobId } = sent.structuredContent as { jobId: string };
    expect(await waitForFinalStatus(client, jobId)).toMatchObject({ status: 'FAILED', final: true, errorCode: 'NO_ANSWER' });
  });

  it('kept stdout for the protocol and phone numbers out of stderr', () => {
    expect(transportErrors).toEqual([]);
    expect(stderr).toContain('"tool":"send_fax"');
    expect(stderr).toContain('***4567');
    for (const digits of ['15551234567', '5551234567', '555) 765-4321', '15557654321', '15550000004']) {
      expect(stderr).not.toContain(digits);
    }
  });
});

describe('faxbot-mcp stdout, byte for byte', () => {
  jest.setTimeout(30_000);

  it('writes only JSON-RPC lines to stdout and exits 0 when stdin closes', async () => {
    const child = spawn(process.execPath, [MCP_CLI], {
      // No API: the tool call fails, which makes the server log (to stderr) while it answers.
      env: { PATH: process.env['PATH'] ?? '', FAX_API_URL: 'http://127.0.0.1:9', API_KEY: 'k', MCP_LOG_LEVEL: 'debug' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += String(chunk)));
    child.stderr.on('data', (chunk: Buffer) => (stderr += String(chunk)));
    const messages = [
      { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '0' } } },
      { jsonrpc: '2.0', method: 'notifications/initialized' },
      { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'get_fax_status', arguments: { jobId: 'abc' } } },
    ];
    // Everything at once, then close stdin: the server still answers the call it received.
    child.stdin.end(messages.map((message) => `${JSON.stringify(message)}\n`).join(''));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));

    expect(code).toBe(0);
    const lines = stdout.split('\n').filter((line) => line !== '');
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(JSON.parse(line)).toMatchObject({ jsonrpc: '2.0' });
    expect(JSON.parse(lines[1] as string).result).toMatchObject({ isError: true, _meta: { 'faxbot/error_code': 'UNAVAILABLE' } });
    expect(stderr).toContain('faxbot-mcp started');
  });
});
