import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tinyPdf } from '../testing/documents.test-helpers';
import { startFaxbotApi, type RunningApi } from '../testing/faxbot-api.test-helpers';
import { callTool, Client, StreamableHTTPClientTransport, waitForFinalStatus } from '../testing/mcp-client.test-helpers';
import { startMcpHttp, type RunningMcpHttp } from '../testing/mcp-process.test-helpers';
import { INITIALIZE, MCP_POST_HEADERS, rawRequest } from '../testing/raw-http.test-helpers';

const KEY_A = randomBytes(24).toString('hex');
const KEY_B = randomBytes(24).toString('hex');
const ALLOWED_ORIGIN = 'https://app.example.com';
const MAX_FILE_BYTES = 200_000;

function connectClient(url: string, key: string): Promise<Client> {
  const client = new Client({ name: 'faxbot-mcp-test', version: '0.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: { Authorization: `Bearer ${key}` } } });
  return client.connect(transport).then(() => client);
}

async function openSession(url: string, key: string): Promise<string> {
  const answer = await rawRequest(url, { method: 'POST', headers: { ...MCP_POST_HEADERS, Authorization: `Bearer ${key}` }, body: INITIALIZE });
  expect(answer.status).toBe(200);
  return answer.headers['mcp-session-id'] as string;
}

describe('faxbot-mcp --transport http (Streamable HTTP) against the real API', () => {
  jest.setTimeout(60_000);
  let api: RunningApi;
  let mcp: RunningMcpHttp;
  let dir: string;
  let client: Client;

  beforeAll(async () => {
    api = await startFaxbotApi();
    dir = mkdtempSync(join(tmpdir(), 'faxbot-mcp-http-'));
    mcp = await startMcpHttp({
      MCP_PLUGINS_CONFIG: join(__dirname, '..', '..', '..', '..', 'config', 'mcp-plugins.json'),
      FAX_API_URL: api.url,
      API_KEY: api.apiKey,
      MCP_HTTP_API_KEYS: `${KEY_A}, ${KEY_B}`,
      MCP_FILE_ROOTS: dir,
      MCP_ALLOWED_ORIGINS: ALLOWED_ORIGIN,
      MCP_MAX_FILE_BYTES: String(MAX_FILE_BYTES),
      MCP_LOG_LEVEL: 'debug',
    });
    client = await connectClient(mcp.url, KEY_A);
  });

  afterAll(async () => {
    await client?.close();
    const code = await mcp?.stop();
    await api?.stop();
    await rm(dir, { recursive: true, force: true });
    expect(code).toBe(0);
  });

  it('listens on loopback at /mcp and answers /health without a key', async () => {
    expect(mcp.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
    const health = await rawRequest(mcp.url.replace('/mcp', '/health'));
    expect([health.status, JSON.parse(health.body)]).toEqual([200, { status: 'ok', transport: 'streamable-http', server: 'faxbot-mcp', version: '0.1.0' }]);
  });

  it('lists the tools and sends by filePath (inside MCP_FILE_ROOTS) to SUCCESS', async () => {
    const { tools } = await client.listTools();
    // The fax tools, then the tools of the bundled fax-number MCP plugin, enabled in config/mcp-plugins.json.
    expect(tools.map((tool) => tool.name).sort()).toEqual(['cancel_fax', 'fax-number_check', 'fax-number_format', 'fax-number_normalize', 'get_fax', 'get_fax_status', 'get_inbound_pdf', 'list_inbound', 'send_fax']);
    const path = join(dir, 'letter.pdf');
    writeFileSync(path, tinyPdf());
    const sent = await callTool(client, 'send_fax', { to: '+15551234567', filePath: path });
    expect(sent.isError).toBeFalsy();
    const { jobId } = sent.structuredContent as { jobId: string };
    expect(await waitForFinalStatus(client, jobId)).toMatchObject({ status: 'SUCCESS', final: true });
    expect((await callTool(client, 'get_fax', { id: jobId })).structuredContent).toMatchObject({ jobId, status: 'SUCCESS' });
  });

  it('sends base64 fileContent to SUCCESS', async () => {
    const sent = await callTool(client, 'send_fax', { to: '+15557654321', fileContent: tinyPdf().toString('base64'), fileName: 'letter.pdf' });
    const { jobId } = sent.structuredContent as { jobId: string };
    expect(await waitForFinalStatus(client, jobId)).toMatchObject({ status: 'SUCCESS' });
  });

  it('refuses a filePath outside MCP_FILE_ROOTS', async () => {
    const result = await callTool(client, 'send_fax', { to: '+15551234567', filePath: __filename });
    expect([result.isError, result._meta?.['faxbot/error_code']]).toEqual([true, 'NOT_ALLOWED']);
  });

  it.each([
    ['no key', {}],
    ['a wrong bearer key', { Authorization: `Bearer ${randomBytes(24).toString('hex')}` }],
    ['a malformed Authorization header', { Authorization: `Basic ${KEY_A}` }],
  ])('answers 401 with a JSON-RPC error to %s', async (_label, headers) => {
    const answer = await rawRequest(mcp.url, { method: 'POST', headers: { ...MCP_POST_HEADERS, ...headers }, body: INITIALIZE });
    expect(answer.status).toBe(401);
    expect(answer.headers['www-authenticate']).toMatch(/^Bearer realm="faxbot-mcp"/);
    expect(JSON.parse(answer.body)).toMatchObject({ jsonrpc: '2.0', id: null, error: { code: -32001 } });
  });

  it('accepts the key as X-API-Key too', async () => {
    const answer = await rawRequest(mcp.url, { method: 'POST', headers: { ...MCP_POST_HEADERS, 'X-API-Key': KEY_B }, body: INITIALIZE });
    expect(answer.status).toBe(200);
    expect(answer.headers['mcp-session-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('fails an SDK client that connects with a wrong bearer key', async () => {
    await expect(connectClient(mcp.url, 'not-a-configured-key-at-all')).rejects.toThrow();
  });

  it.each([
    ['another host name', 'evil.example'],
    ['a rebinding host name with a port', 'rebind.example:3001'],
    ['no usable host', 'a b'],
  ])('answers 403 to a Host header with %s, before checking the key', async (_label, host) => {
    const answer = await rawRequest(mcp.url, { method: 'POST', headers: { ...MCP_POST_HEADERS, Host: host, Authorization: `Bearer ${KEY_A}` }, body: INITIALIZE });
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.body).error.message).toContain('Host');
  });

  it('accepts Host: localhost on any port', async () => {
    const answer = await rawRequest(mcp.url.replace('/mcp', '/health'), { headers: { Host: 'localhost:1234' } });
    expect(answer.status).toBe(200);
  });

  it('answers 403 to a browser Origin that is not allowed', async () => {
    const answer = await rawRequest(mcp.url, { method: 'POST', headers: { ...MCP_POST_HEADERS, Origin: 'https://evil.example', Authorization: `Bearer ${KEY_A}` }, body: INITIALIZE });
    expect(answer.status).toBe(403);
  });

  it('answers a CORS preflight from an allowed origin without a key, and adds CORS headers to its requests', async () => {
    const preflight = await rawRequest(mcp.url, { method: 'OPTIONS', headers: { Origin: ALLOWED_ORIGIN, 'Access-Control-Request-Method': 'POST' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(ALLOWED_ORIGIN);
    expect(String(preflight.headers['access-control-allow-headers'])).toContain('Authorization');
    const answer = await rawRequest(mcp.url, { method: 'POST', headers: { ...MCP_POST_HEADERS, Origin: ALLOWED_ORIGIN, Authorization: `Bearer ${KEY_A}` }, body: INITIALIZE });
    expect(answer.status).toBe(200);
    expect(String(answer.headers['access-control-expose-headers'])).toContain('Mcp-Session-Id');
  });

  it('answers 413 to a body over MCP_MAX_FILE_BYTES × 1.4, by Content-Length or by streaming', async () => {
    const body = JSON.stringify({ jsonrpc: '2.0', id: 9, method: 'tools/call', params: { name: 'send_fax', arguments: { to: '+15551234567', fileContent: 'A'.repeat(MAX_FILE_BYTES * 1.5) } } });
    const headers = { ...MCP_POST_HEADERS, Authorization: `Bearer ${KEY_A}` };
    expect((await rawRequest(mcp.url, { method: 'POST', headers, body })).status).toBe(413);
    expect((await rawRequest(mcp.url, { method: 'POST', headers: { ...headers, 'Transfer-Encoding': 'chunked' }, body })).status).toBe(413);
  });

  it('refuses fileContent over the file limit that fits in the body', async () => {
    const result = await callTool(client, 'send_fax', { to: '+15551234567', fileContent: 'A'.repeat(MAX_FILE_BYTES * 1.34), fileName: 'big.pdf' });
    expect([result.isError, result._meta?.['faxbot/error_code']]).toEqual([true, 'TOO_LARGE']);
  });

  it('answers 400 to a request without a session that is not initialize, and 404 to an unknown session', async () => {
    const headers = { ...MCP_POST_HEADERS, Authorization: `Bearer ${KEY_A}` };
    const list = JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' });
    expect((await rawRequest(mcp.url, { method: 'POST', headers, body: list })).status).toBe(400);
    expect((await rawRequest(mcp.url, { method: 'POST', headers: { ...headers, 'Mcp-Session-Id': 'nope' }, body: list })).status).toBe(404);
    expect((await rawRequest(mcp.url, { method: 'POST', headers: { ...headers, 'Content-Type': 'text/plain' }, body: list })).status).toBe(415);
    expect((await rawRequest(mcp.url, { method: 'POST', headers, body: '{not json' })).status).toBe(400);
    expect((await rawRequest(mcp.url, { method: 'PUT', headers })).status).toBe(405);
  });

  it('binds a session to the key that opened it, and ends it on DELETE', async () => {
    const sessionId = await openSession(mcp.url, KEY_A);
    const asB = { Authorization: `Bearer ${KEY_B}`, 'Mcp-Session-Id': sessionId, 'Mcp-Protocol-Version': '2025-11-25' };
    expect((await rawRequest(mcp.url, { method: 'DELETE', headers: asB })).status).toBe(404);
    const asA = { ...asB, Authorization: `Bearer ${KEY_A}` };
    expect((await rawRequest(mcp.url, { method: 'DELETE', headers: asA })).status).toBe(200);
    expect((await rawRequest(mcp.url, { method: 'DELETE', headers: asA })).status).toBe(404);
  });

  it('logs only to stderr, with phone numbers masked', () => {
    const stderr = mcp.stderr();
    expect(stderr).toContain('"to":"***4567"');
    expect(stderr).toContain('"reason":"host_not_allowed"');
    for (const digits of ['15551234567', '15557654321']) expect(stderr).not.toContain(digits);
    for (const key of [KEY_A, KEY_B]) expect(stderr).not.toContain(key);
  });
});
