import { startFaxbotApi, type RunningApi } from '../testing/faxbot-api.test-helpers';
import { callTool, Client, MCP_CLI, StdioClientTransport, textOf, waitForFinalStatus, type CallToolResult } from '../testing/mcp-client.test-helpers';

const codeOf = (result: CallToolResult): unknown => (result.isError ? result._meta?.['faxbot/error_code'] : 'ok');

describe('cancel_fax through the real faxbot-mcp process and the real API', () => {
  jest.setTimeout(60_000);
  let api: RunningApi;
  let client: Client;
  let stderr = '';

  beforeAll(async () => {
    // The loopback line keeps an accepted fax in progress for ten minutes: time enough to cancel it.
    api = await startFaxbotApi({ LOOPBACK_DELIVERY_DELAY_MS: '600000' });
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [MCP_CLI, '--transport', 'stdio'],
      env: { PATH: process.env['PATH'] ?? '', FAX_API_URL: api.url, API_KEY: api.apiKey, MCP_LOG_LEVEL: 'debug' },
      stderr: 'pipe',
    });
    transport.stderr?.on('data', (chunk: Buffer) => {
      stderr += String(chunk);
    });
    client = new Client({ name: 'faxbot-mcp-cancel-test', version: '0.0.0' });
    await client.connect(transport);
  });

  afterAll(async () => {
    await client?.close();
    await api?.stop();
  });

  async function send(to: string): Promise<string> {
    const sent = await callTool(client, 'send_fax', { to, fileContent: Buffer.from('Cancel me.\n').toString('base64'), fileName: 'note.txt' });
    expect(sent.isError).toBeFalsy();
    return (sent.structuredContent as { jobId: string }).jobId;
  }

  it('is listed as a destructive tool taking a jobId', async () => {
    const { tools } = await client.listTools();
    const tool = tools.find((candidate) => candidate.name === 'cancel_fax');
    expect(tool?.inputSchema.required).toEqual(['jobId']);
    expect(tool?.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true });
    expect(Object.keys(tool?.outputSchema?.properties ?? {}).sort()).toEqual(['backend', 'final', 'jobId', 'status', 'updatedAt']);
  });

  it('cancels a fax its provider is transmitting, and refuses a second cancel with the reason', async () => {
    const jobId = await send('+15551230000');
    const deadline = Date.now() + 15_000;
    let fax = (await callTool(client, 'get_fax', { id: jobId })).structuredContent as { providerSid: string | null };
    while (fax.providerSid === null && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      fax = (await callTool(client, 'get_fax', { id: jobId })).structuredContent as { providerSid: string | null };
    }
    expect(fax.providerSid).not.toBeNull();

    const cancelled = await callTool(client, 'cancel_fax', { jobId });
    expect(cancelled.isError).toBeFalsy();
    expect(cancelled.structuredContent).toMatchObject({ jobId, status: 'cancelled', final: true, backend: 'loopback' });
    expect((await callTool(client, 'get_fax_status', { jobId })).structuredContent).toMatchObject({ status: 'cancelled', final: true });

    const again = await callTool(client, 'cancel_fax', { jobId });
    expect(codeOf(again)).toBe('CONFLICT');
    expect(textOf(again)).toContain('Job already finished with status cancelled');
  });

  it('refuses to cancel a fax that already failed', async () => {
    const jobId = await send('+15551230001');
    expect(await waitForFinalStatus(client, jobId)).toMatchObject({ status: 'FAILED' });
    const refused = await callTool(client, 'cancel_fax', { jobId });
    expect(codeOf(refused)).toBe('CONFLICT');
    expect(textOf(refused)).toContain('already finished with status FAILED');
  });

  it('reports an unknown job as NOT_FOUND', async () => {
    const result = await callTool(client, 'cancel_fax', { jobId: 'f'.repeat(32) });
    expect(codeOf(result)).toBe('NOT_FOUND');
    expect(textOf(result)).toContain('no job has this jobId');
  });

  it('refuses a malformed job id through the input schema, before the API is asked', async () => {
    const result = await callTool(client, 'cancel_fax', { jobId: '../admin/api-keys' });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('Input validation error');
  });

  it('logs the calls to stderr without a full number', () => {
    expect(stderr).toContain('"tool":"cancel_fax"');
    for (const digits of ['15551230000', '15551230001']) expect(stderr).not.toContain(digits);
  });
});
