import { createFaxbotClient } from '@faxbot/api-client';
import { PassThrough } from 'node:stream';
import type { McpHttpConfig } from '../config/mcp-config';
import { createStderrLogger } from '../logging/stderr.logger';
import { createServer } from '../server';
import { INITIALIZE, MCP_POST_HEADERS, rawRequest } from '../testing/raw-http.test-helpers';
import { startStreamableHttpTransport, type RunningHttpTransport } from './streamable-http.transport';

const KEY = 'limits-key-0123456789';

describe('Streamable HTTP session limits (in process)', () => {
  let http: RunningHttpTransport;

  beforeAll(async () => {
    const config: McpHttpConfig = {
      host: '127.0.0.1',
      port: 0,
      allowedHosts: ['127.0.0.1'],
      allowedOrigins: [],
      apiKeys: [KEY],
      oauth: null,
      maxBodyBytes: 10_000,
      sessionIdleMs: 1_000,
      maxSessions: 1,
      wsPingIntervalMs: 30_000,
    };
    const logger = createStderrLogger({ level: 'error', stream: new PassThrough() });
    const deps = {
      client: createFaxbotClient({ baseUrl: 'http://127.0.0.1:9' }),
      logger,
      version: '0.0.0',
      maxFileBytes: 1_000,
      files: { pathAllowed: false, roots: null },
      fetch: { timeoutMs: 100, allowPrivateNetworks: false },
    };
    http = await startStreamableHttpTransport({ config, createServer: () => createServer(deps), logger, version: '0.0.0' });
  });

  afterAll(() => http.close());

  const initialize = (): ReturnType<typeof rawRequest> =>
    rawRequest(http.url, { method: 'POST', headers: { ...MCP_POST_HEADERS, Authorization: `Bearer ${KEY}` }, body: INITIALIZE });

  it('refuses a session over MCP_HTTP_MAX_SESSIONS with 503, and closes idle sessions', async () => {
    const first = await initialize();
    expect(first.status).toBe(200);
    expect(http.sessions()).toBe(1);
    const second = await initialize();
    expect([second.status, second.headers['retry-after']]).toEqual([503, '30']);

    // Well past the idle limit, with room for a loaded CI machine.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(http.sessions()).toBe(0);
    const headers = { Authorization: `Bearer ${KEY}`, 'Mcp-Session-Id': String(first.headers['mcp-session-id']) };
    expect((await rawRequest(http.url, { method: 'DELETE', headers })).status).toBe(404);
    expect((await initialize()).status).toBe(200);
  });
});
