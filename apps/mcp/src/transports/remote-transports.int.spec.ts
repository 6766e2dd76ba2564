import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tinyPdf } from '../testing/documents.test-helpers';
import { startFaxbotApi, type RunningApi } from '../testing/faxbot-api.test-helpers';
import { startTestIssuer, type TestIssuer, type TokenOptions } from '../testing/jwks.test-helpers';
import { callTool, connectRemote, type Client, waitForFinalStatus } from '../testing/mcp-client.test-helpers';
import { startMcpRemote, type RunningMcpHttp } from '../testing/mcp-process.test-helpers';
import { INITIALIZE, MCP_POST_HEADERS, rawRequest, type RawAnswer } from '../testing/raw-http.test-helpers';

const KEY = randomBytes(24).toString('hex');
const CORE_TOOLS = ['cancel_fax', 'get_fax', 'get_fax_status', 'get_inbound_pdf', 'list_inbound', 'send_fax'];
const NUMBERS = ['+15551234567', '+15557654321'];

type Kind = 'http' | 'sse' | 'ws';

// The request each transport's clients open with, sent raw so that the refusal can be inspected.
function openingRequest(kind: Kind, url: string, headers: Record<string, string>): Promise<RawAnswer> {
  if (kind === 'http') return rawRequest(url, { method: 'POST', headers: { ...MCP_POST_HEADERS, ...headers }, body: INITIALIZE });
  if (kind === 'sse') return rawRequest(url, { headers: { Accept: 'text/event-stream', ...headers } });
  const upgrade = { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': randomBytes(16).toString('base64'), 'Sec-WebSocket-Protocol': 'mcp' };
  return rawRequest(url.replace(/^ws/, 'http'), { headers: { ...upgrade, ...headers } });
}

describe.each<[Kind, string, RegExp]>([
  ['http', 'streamable-http', /^http:\/\/127\.0\.0\.1:\d+\/mcp$/],
  ['sse', 'sse', /^http:\/\/127\.0\.0\.1:\d+\/sse$/],
  ['ws', 'websocket', /^ws:\/\/127\.0\.0\.1:\d+\/ws$/],
])('faxbot-mcp --transport %s against the real API (loopback provider)', (kind, healthName, urlPattern) => {
  jest.setTimeout(60_000);
  let api: RunningApi;
  let issuer: TestIssuer;
  let mcp: RunningMcpHttp;
  let dir: string;
  let client: Client;
  const pdf = tinyPdf();

  beforeAll(async () => {
    api = await startFaxbotApi();
    issuer = await startTestIssuer();
    dir = mkdtempSync(join(tmpdir(), `faxbot-mcp-${kind}-`));
    mcp = await startMcpRemote(kind, {
      FAX_API_URL: api.url,
      API_KEY: api.apiKey,
      MCP_HTTP_API_KEYS: KEY,
      OAUTH_ISSUER: issuer.issuer,
      OAUTH_AUDIENCE: issuer.audience,
      OAUTH_JWKS_URL: issuer.jwksUrl,
      MCP_FILE_ROOTS: dir,
      MCP_LOG_LEVEL: 'debug',
    });
    client = await connectRemote(kind, mcp.url, KEY);
  });

  afterAll(async () => {
    await client?.close();
    const code = await mcp?.stop();
    await issuer?.close();
    await api?.stop();
    await rm(dir, { recursive: true, force: true });
    expect(code).toBe(0);
  });

  it('listens on loopback and answers /health without a credential', async () => {
    expect(mcp.url).toMatch(urlPattern);
    const health = await rawRequest(`${new URL(mcp.url.replace(/^ws/, 'http')).origin}/health`);
    expect([health.status, JSON.parse(health.body)]).toEqual([200, { status: 'ok', transport: healthName, server: 'faxbot-mcp', version: '0.1.0' }]);
  });

  it('lists the tools and sends a fax by filePath to SUCCESS', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(expect.arrayContaining(CORE_TOOLS));
    const path = join(dir, 'letter.pdf');
    writeFileSync(path, pdf);
    const sent = await callTool(client, 'send_fax', { to: NUMBERS[0], filePath: path });
    expect(sent.isError).toBeFalsy();
    const { jobId } = sent.structuredContent as { jobId: string };
    expect(await waitForFinalStatus(client, jobId)).toMatchObject({ status: 'SUCCESS', final: true });
  });

  it('sends a fax as base64 fileContent to SUCCESS', async () => {
    const sent = await callTool(client, 'send_fax', { to: NUMBERS[1], fileContent: pdf.toString('base64'), fileName: 'letter.pdf' });
    const { jobId } = sent.structuredContent as { jobId: string };
    expect(await waitForFinalStatus(client, jobId)).toMatchObject({ status: 'SUCCESS' });
  });

  it('serves a client that presents a valid OAuth access token', async () => {
    const oauthClient = await connectRemote(kind, mcp.url, await issuer.sign());
    try {
      const result = await callTool(oauthClient, 'get_fax_status', { jobId: 'f'.repeat(32) });
      expect(result._meta?.['faxbot/error_code']).toBe('NOT_FOUND');
    } finally {
      await oauthClient.close();
    }
  });

  it.each<[string, () => Promise<Record<string, string>>, string | null]>([
    ['no credential', async () => ({}), null],
    ['a wrong key', async () => ({ Authorization: `Bearer ${randomBytes(24).toString('hex')}` }), 'The key or access token is not valid'],
    ['an expired token', async () => ({ Authorization: `Bearer ${await issuer.sign({ expiresIn: -600 })}` }), 'The access token expired'],
    ['a token for another audience', async () => ({ Authorization: `Bearer ${await issuer.sign({ audience: 'https://other.example/mcp' })}` }), 'audience'],
    ['a token from another issuer', async () => ({ Authorization: `Bearer ${await issuer.sign({ issuer: 'https://evil.example' } satisfies TokenOptions)}` }), 'issuer'],
    ['a token signed by an unknown key', async () => ({ Authorization: `Bearer ${await issuer.sign({ key: await issuer.addKey({ publish: false }) })}` }), 'key'],
  ])('answers 401 with a JSON error and a Bearer challenge to %s', async (_label, headers, description) => {
    const answer = await openingRequest(kind, mcp.url, await headers());
    expect(answer.status).toBe(401);
    expect(answer.headers['content-type']).toBe('application/json');
    expect(JSON.parse(answer.body)).toMatchObject({ jsonrpc: '2.0', id: null, error: { code: -32001 }, detail: expect.stringContaining('Unauthorized') });
    const challenge = String(answer.headers['www-authenticate']);
    if (description === null) expect(challenge).toBe('Bearer realm="faxbot-mcp"');
    else expect(challenge).toMatch(new RegExp(`^Bearer realm="faxbot-mcp", error="invalid_token", error_description="[^"]*${description}`));
  });

  it('fails an SDK client that connects with a wrong key', async () => {
    await expect(connectRemote(kind, mcp.url, randomBytes(24).toString('hex'))).rejects.toThrow();
  });

  it('answers 403 to a foreign Host header and a foreign Origin', async () => {
    const auth = { Authorization: `Bearer ${KEY}` };
    expect((await openingRequest(kind, mcp.url, { ...auth, Host: 'evil.example' })).status).toBe(403);
    expect((await openingRequest(kind, mcp.url, { ...auth, Origin: 'https://evil.example' })).status).toBe(403);
  });

  it('logged no phone number, document content, key or token', () => {
    const stderr = mcp.stderr();
    expect(stderr).toContain('"tool":"send_fax"');
    expect(stderr).toContain('***4567');
    expect(stderr).toContain('"auth":"expired"');
    for (const number of NUMBERS) {
      expect(stderr).not.toContain(number.slice(1));
      expect(stderr).not.toContain(number.slice(2));
    }
    expect(stderr).not.toContain(pdf.toString('base64').slice(0, 40));
    expect(stderr).not.toContain('%PDF');
    expect(stderr).not.toContain(KEY);
    expect(stderr).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}/);
  });
});
