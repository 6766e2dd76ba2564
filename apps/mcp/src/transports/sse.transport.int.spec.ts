import { randomBytes } from 'node:crypto';
import { INITIALIZE, rawRequest } from '../testing/raw-http.test-helpers';
import { capturingLogger, eventually, offlineServerFactory, openStream, testHttpConfig, type OpenStream } from '../testing/transport-fixtures.test-helpers';
import { startSseTransport } from './sse.transport';
import type { RunningHttpTransport } from './streamable-http.transport';

const KEY_A = randomBytes(24).toString('hex');
const KEY_B = randomBytes(24).toString('hex');
const ORIGIN = 'https://app.example.com';
const MAX_BODY = 10_000;

describe('legacy SSE transport (in process)', () => {
  jest.setTimeout(30_000);
  const { logger, output } = capturingLogger();
  let sse: RunningHttpTransport;
  let messagesUrl: (stream: OpenStream) => Promise<string>;
  const streams: OpenStream[] = [];

  const open = async (key = KEY_A, headers: Record<string, string> = {}): Promise<OpenStream> => {
    const stream = await openStream(sse.url, { Authorization: `Bearer ${key}`, ...headers });
    streams.push(stream);
    return stream;
  };
  const post = (url: string, body: string, key = KEY_A, headers: Record<string, string> = {}): ReturnType<typeof rawRequest> =>
    rawRequest(url, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${key}`, ...headers }, body });

  beforeAll(async () => {
    const config = testHttpConfig({ apiKeys: [KEY_A, KEY_B], allowedOrigins: [ORIGIN], maxBodyBytes: MAX_BODY, maxSessions: 3 });
    sse = await startSseTransport({ config, createServer: offlineServerFactory(logger), logger, version: '0.0.0' });
    messagesUrl = async (stream) => new URL((await stream.waitFor(/event: endpoint\ndata: (\S+)\n/))[1] as string, sse.url).toString();
  });

  afterEach(async () => {
    for (const stream of streams.splice(0)) stream.close();
    await eventually(() => sse.sessions() === 0);
  });

  afterAll(() => sse.close());

  it('opens an event stream whose first event names the messages endpoint of a new session', async () => {
    const stream = await open();
    expect(stream.status).toBe(200);
    expect(stream.headers['content-type']).toBe('text/event-stream');
    expect(stream.headers['x-accel-buffering']).toBe('no');
    expect(await messagesUrl(stream)).toMatch(/\/messages\?sessionId=[0-9a-f-]{36}$/);
  });

  it('takes POSTed messages with 202 and answers on the stream', async () => {
    const stream = await open();
    const url = await messagesUrl(stream);
    const answer = await post(url, INITIALIZE);
    expect(answer.status).toBe(202);
    const [, data] = await stream.waitFor(/event: message\ndata: (.+)\n/);
    expect(JSON.parse(data as string)).toMatchObject({ jsonrpc: '2.0', id: 1, result: { serverInfo: { name: 'faxbot-mcp' } } });
  });

  it('lets only the credential that opened a session post to it', async () => {
    const url = await messagesUrl(await open(KEY_A));
    expect((await post(url, INITIALIZE, KEY_B)).status).toBe(404);
    expect((await post(url, INITIALIZE, randomBytes(24).toString('hex'))).status).toBe(401);
  });

  it('refuses bad posts without echoing the body', async () => {
    const url = await messagesUrl(await open());
    const base = new URL(url);
    const unknown = `${base.origin}/messages?sessionId=${'0'.repeat(8)}-0000-0000-0000-${'0'.repeat(12)}`;
    const secretish = `{"not":"json-rpc","note":"${randomBytes(8).toString('hex')}"}`;
    const cases: Array<[Promise<{ status: number; body: string }>, number]> = [
      [post(`${base.origin}/messages`, INITIALIZE), 400],
      [post(unknown, INITIALIZE), 404],
      [post(url, '{not json'), 400],
      [post(url, secretish), 400],
      [post(url, INITIALIZE, KEY_A, { 'Content-Type': 'text/plain' }), 415],
      [post(url, JSON.stringify({ jsonrpc: '2.0', id: 9, method: 'ping', params: { pad: 'x'.repeat(MAX_BODY) } })), 413],
      [rawRequest(url, { headers: { Authorization: `Bearer ${KEY_A}` } }), 405],
      [post(sse.url, INITIALIZE), 405],
    ];
    const answers = await Promise.all(cases.map(([answer]) => answer));
    expect(answers.map((answer) => answer.status)).toEqual(cases.map(([, status]) => status));
    for (const answer of answers) expect(JSON.parse(answer.body)).toMatchObject({ jsonrpc: '2.0', id: null, detail: expect.any(String) });
    expect(answers[3]?.body).not.toContain('json-rpc');
    expect(JSON.parse(answers[3]?.body ?? '{}').error.code).toBe(-32600);
  });

  it('applies the Origin policy: CORS for an allowed origin, 403 for another', async () => {
    const allowed = await open(KEY_A, { Origin: ORIGIN });
    expect([allowed.status, allowed.headers['access-control-allow-origin']]).toEqual([200, ORIGIN]);
    const preflight = await rawRequest(sse.url, { method: 'OPTIONS', headers: { Origin: ORIGIN, 'Access-Control-Request-Method': 'GET' } });
    expect(preflight.status).toBe(204);
    expect((await rawRequest(sse.url, { headers: { Authorization: `Bearer ${KEY_A}`, Origin: 'https://evil.example' } })).status).toBe(403);
  });

  it('forgets a session when its client goes, and refuses streams over the session limit with 503', async () => {
    const opened = [await open(), await open(), await open()];
    const refused = await rawRequest(sse.url, { headers: { Authorization: `Bearer ${KEY_A}` } });
    expect([refused.status, refused.headers['retry-after']]).toEqual([503, '30']);
    opened[0]?.close();
    await eventually(() => sse.sessions() === 2);
    expect((await open()).status).toBe(200);
  });

  it('ends open streams when it closes, and logged no key', async () => {
    const stream = await open();
    await messagesUrl(stream);
    const closing = sse.close();
    await stream.ended;
    await closing;
    expect(sse.sessions()).toBe(0);
    expect(output()).toContain('"msg":"session opened"');
    for (const key of [KEY_A, KEY_B]) expect(output()).not.toContain(key);
  });
});
