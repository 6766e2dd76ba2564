import { randomBytes } from 'node:crypto';
import { startFaxbotApi, type RunningApi } from '../testing/faxbot-api.test-helpers';
import { callTool, Client, MCP_CLI, StdioClientTransport, StreamableHTTPClientTransport, textOf, type CallToolResult } from '../testing/mcp-client.test-helpers';
import { startMcpHttp } from '../testing/mcp-process.test-helpers';
import { watchToolListChanges, type ToolListChanges } from './capability.test-helpers';

const MESSAGING_TOOLS = ['get_message_status', 'list_conversations', 'reply_to_conversation', 'send_message'];
const HTTP_KEY = randomBytes(24).toString('hex');
// Numbers ending in 0009: the loopback line's peer echoes what it receives. One per transport,
// so each run has its own conversation on the shared API.
const PEERS: Record<string, string> = { stdio: '+15557770009', 'Streamable HTTP, two sessions': '+15558880009' };
const TEXT = `appointment moved ${randomBytes(4).toString('hex')}`;

interface Connected {
  clients: Client[];
  stderr(): string;
  close(): Promise<void>;
}

const mcpEnv = (api: RunningApi): Record<string, string> => ({ FAX_API_URL: api.url, API_KEY: api.apiKey, MCP_LOG_LEVEL: 'debug', MCP_CAPABILITY_POLL_SECONDS: '0.2' });

const TRANSPORTS: Array<[string, (api: RunningApi) => Promise<Connected>]> = [
  [
    'stdio',
    async (api) => {
      let stderr = '';
      const transport = new StdioClientTransport({ command: process.execPath, args: [MCP_CLI, '--transport', 'stdio'], env: { PATH: process.env['PATH'] ?? '', ...mcpEnv(api) }, stderr: 'pipe' });
      transport.stderr?.on('data', (chunk: Buffer) => (stderr += String(chunk)));
      const client = new Client({ name: 'faxbot-mcp-test', version: '0.0.0' });
      await client.connect(transport);
      return { clients: [client], stderr: () => stderr, close: () => client.close() };
    },
  ],
  [
    'Streamable HTTP, two sessions',
    async (api) => {
      const mcp = await startMcpHttp({ ...mcpEnv(api), MCP_HTTP_API_KEYS: HTTP_KEY });
      const clients: Client[] = [];
      for (let session = 0; session < 2; session += 1) {
        const client = new Client({ name: `faxbot-mcp-test-${session}`, version: '0.0.0' });
        await client.connect(new StreamableHTTPClientTransport(new URL(mcp.url), { requestInit: { headers: { Authorization: `Bearer ${HTTP_KEY}` } } }));
        clients.push(client);
      }
      return {
        clients,
        stderr: () => mcp.stderr(),
        close: async () => {
          for (const client of clients) await client.close();
          await mcp.stop();
        },
      };
    },
  ],
];

const structured = (result: CallToolResult): Record<string, unknown> => {
  if (result.isError) throw new Error(`tool failed: ${textOf(result)}`);
  return result.structuredContent as Record<string, unknown>;
};

async function messagingToolsOf(client: Client): Promise<string[]> {
  return (await client.listTools()).tools.map((tool) => tool.name).filter((name) => MESSAGING_TOOLS.includes(name)).sort();
}

async function untilFinal(client: Client, messageId: string): Promise<Record<string, unknown>> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const status = structured(await callTool(client, 'get_message_status', { messageId }));
    if (status['final'] === true || Date.now() > deadline) return status;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('MCP tools that follow the API: messaging, end to end with the real API and faxbot-mcp', () => {
  jest.setTimeout(120_000);
  let api: RunningApi;

  beforeAll(async () => {
    api = await startFaxbotApi({ FEATURE_V3_PLUGINS: 'true' });
  });
  afterAll(async () => {
    await api?.stop();
  });

  const admin = async (method: 'PUT' | 'POST', path: string, body?: unknown): Promise<void> => {
    const response = await fetch(`${api.url}${path}`, {
      method,
      headers: { 'X-API-Key': api.apiKey, 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (response.status !== 200) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  };

  it.each(TRANSPORTS)('over %s: the tools appear when messaging is enabled, work, and go away when it is disabled', async (name, connect) => {
    const PEER = PEERS[name] as string;
    const mcp = await connect(api);
    try {
      const changes: ToolListChanges[] = mcp.clients.map(watchToolListChanges);
      for (const client of mcp.clients) expect(await messagingToolsOf(client)).toEqual([]);

      await admin('PUT', '/plugins/loopback-messaging/config', { enabled: true, settings: { deliveryDelayMs: 50 } });
      await Promise.all(changes.map((change) => change.waitFor(1)));
      for (const client of mcp.clients) expect(await messagingToolsOf(client)).toEqual(MESSAGING_TOOLS);

      const client = mcp.clients[0] as Client;
      const sent = structured(await callTool(client, 'send_message', { to: PEER, text: TEXT }));
      expect(sent).toMatchObject({ messageId: expect.stringMatching(/^lm_/), direction: 'outbound', status: 'sent', final: false });
      expect(await untilFinal(client, sent['messageId'] as string)).toMatchObject({ status: 'delivered', final: true });

      const listed = structured(await callTool(client, 'list_conversations', { limit: 10 }));
      const conversation = (listed['items'] as Array<Record<string, unknown>>).find((item) => item['conversationId'] === sent['conversationId']);
      expect(conversation).toMatchObject({ peer: PEER, messageCount: 2, lastMessage: { direction: 'inbound', status: 'received', text: `echo: ${TEXT}` } });

      const reply = structured(await callTool(client, 'reply_to_conversation', { conversationId: sent['conversationId'], text: 'thanks' }));
      expect(reply).toMatchObject({ conversationId: sent['conversationId'], direction: 'outbound', status: 'sent' });

      const unknown = await callTool(client, 'get_message_status', { messageId: 'lm_000000000000000000000000' });
      expect(unknown.isError).toBe(true);
      expect(unknown._meta?.['faxbot/error_code']).toBe('NOT_FOUND');

      await admin('POST', '/plugins/loopback-messaging/disable');
      await Promise.all(changes.map((change) => change.waitFor(2)));
      for (const each of mcp.clients) expect(await messagingToolsOf(each)).toEqual([]);
      const gone = await client.callTool({ name: 'send_message', arguments: { to: PEER, text: 'x' } }).then(
        (result) => (result as CallToolResult).isError === true,
        () => true,
      );
      expect(gone).toBe(true);

      const logs = `${mcp.stderr()}${api.stderr()}`;
      expect(logs).not.toContain(PEER.slice(2));
      expect(logs).not.toContain(TEXT);
    } finally {
      await mcp.close();
    }
  });
});
