import { PassThrough } from 'node:stream';
import { createStderrLogger } from '../logging/stderr.logger';
import { INITIALIZE, MCP_POST_HEADERS, rawRequest } from '../testing/raw-http.test-helpers';
import { offlineServerFactory, testHttpConfig } from '../testing/transport-fixtures.test-helpers';
import { startStreamableHttpTransport, type RunningHttpTransport } from './streamable-http.transport';

const KEY = 'limits-key-0123456789';

describe('Streamable HTTP session limits (in process)', () => {
  let http: RunningHttpTransport;

  beforeAll(async () => {
    const config = testHttpConfig({ allowedHosts: ['127.0.0.1'], apiKeys: [KEY], sessionIdleMs: 1_000, maxSessions: 1 });
    const logger = createStderrLogger({ level: 'error', stream: new PassThrough() });
    http = await startStreamableHttpTransport({ config, createServer: offlineServerFactory(logger), logger, version: '0.0.0' });
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
