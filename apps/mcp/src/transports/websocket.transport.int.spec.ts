import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import { createClientAuthenticator } from '../auth/client.authenticator';
import { DEFAULT_OAUTH_ALGORITHMS } from '../config/oauth-config';
import { startTestIssuer, type TestIssuer } from '../testing/jwks.test-helpers';
import { INITIALIZE, rawRequest } from '../testing/raw-http.test-helpers';
import { capturingLogger, eventually, offlineServerFactory, testHttpConfig } from '../testing/transport-fixtures.test-helpers';
import type { RunningHttpTransport } from './streamable-http.transport';
import { startWebSocketTransport } from './websocket.transport';

const KEY = randomBytes(24).toString('hex');
const MAX_MESSAGE = 10_000;

interface Peer {
  socket: WebSocket;
  /** Parsed text frames received so far. */
  received: unknown[];
  next(): Promise<unknown>;
  closed: Promise<{ code: number; reason: string }>;
}

function connect(url: string, options: { headers?: Record<string, string>; protocol?: string; autoPong?: boolean } = {}): Promise<Peer> {
  const socket = new WebSocket(url, options.protocol ?? 'mcp', { headers: { Authorization: `Bearer ${KEY}`, ...options.headers }, autoPong: options.autoPong ?? true });
  const received: unknown[] = [];
  const waiters: Array<(message: unknown) => void> = [];
  socket.on('message', (data) => {
    const message: unknown = JSON.parse(String(data));
    const waiter = waiters.shift();
    if (waiter) waiter(message);
    else received.push(message);
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => socket.once('close', (code, reason) => resolve({ code, reason: String(reason) })));
  return new Promise((resolve, reject) => {
    socket.once('open', () =>
      resolve({ socket, received, closed, next: () => (received.length > 0 ? Promise.resolve(received.shift()) : new Promise((found) => waiters.push(found))) }),
    );
    socket.once('error', reject);
  });
}

// The status a refused upgrade is answered with.
function refusedWith(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, 'mcp', { headers });
    socket.once('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      socket.terminate();
    });
    socket.once('open', () => reject(new Error('the upgrade was accepted')));
    socket.once('error', () => undefined);
  });
}

describe('WebSocket transport (in process)', () => {
  jest.setTimeout(30_000);
  const { logger, output } = capturingLogger();
  let ws: RunningHttpTransport;
  let issuer: TestIssuer;
  const peers: Peer[] = [];
  const open = async (options: Parameters<typeof connect>[1] = {}): Promise<Peer> => {
    const peer = await connect(ws.url, options);
    peers.push(peer);
    return peer;
  };

  beforeAll(async () => {
    issuer = await startTestIssuer();
    const config = testHttpConfig({
      apiKeys: [KEY],
      allowedOrigins: ['https://app.example.com'],
      maxBodyBytes: MAX_MESSAGE,
      maxSessions: 3,
      wsPingIntervalMs: 200,
      oauth: { issuer: issuer.issuer, audience: [issuer.audience], jwksUrl: issuer.jwksUrl, algorithms: [...DEFAULT_OAUTH_ALGORITHMS], clockToleranceSeconds: 0 },
    });
    ws = await startWebSocketTransport({
      config,
      createServer: offlineServerFactory(logger),
      logger,
      version: '0.0.0',
      authenticate: createClientAuthenticator({ apiKeys: config.apiKeys, oauth: config.oauth }),
    });
  });

  afterEach(async () => {
    for (const peer of peers.splice(0)) peer.socket.terminate();
    await eventually(() => ws.sessions() === 0);
  });

  afterAll(async () => {
    await ws.close();
    await issuer.close();
  });

  it('negotiates the "mcp" subprotocol and speaks JSON-RPC, one message per text frame', async () => {
    const peer = await open();
    expect(peer.socket.protocol).toBe('mcp');
    peer.socket.send(INITIALIZE);
    expect(await peer.next()).toMatchObject({ jsonrpc: '2.0', id: 1, result: { serverInfo: { name: 'faxbot-mcp' } } });
    expect(ws.sessions()).toBe(1);
  });

  it('answers a frame that is not JSON, or not JSON-RPC, with an error and keeps the connection', async () => {
    const peer = await open();
    peer.socket.send('{not json');
    expect(await peer.next()).toEqual({ jsonrpc: '2.0', id: null, error: { code: -32700, message: expect.stringContaining('Parse error') } });
    peer.socket.send(JSON.stringify({ id: 7, hello: 'world' }));
    expect(await peer.next()).toEqual({ jsonrpc: '2.0', id: 7, error: { code: -32600, message: expect.stringContaining('Invalid Request') } });
    peer.socket.send(INITIALIZE);
    expect(await peer.next()).toMatchObject({ id: 1, result: expect.any(Object) });
  });

  it.each([
    ['a binary frame', (socket: WebSocket) => socket.send(Buffer.from(INITIALIZE)), 1003],
    ['a message over the size limit', (socket: WebSocket) => socket.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping', params: { pad: 'x'.repeat(MAX_MESSAGE) } })), 1009],
  ])('closes the connection on %s', async (_label, sendIt, code) => {
    const peer = await open();
    sendIt(peer.socket);
    expect((await peer.closed).code).toBe(code);
  });

  it('drops a peer that stops answering pings, and keeps one that answers', async () => {
    const silent = await open({ autoPong: false });
    const lively = await open();
    const { code } = await silent.closed;
    expect(code).toBe(1006);
    // Several ping intervals later the answering peer is still served.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    lively.socket.send(INITIALIZE);
    expect(await lively.next()).toMatchObject({ id: 1 });
    expect(output()).toContain('"reason":"no_pong"');
  });

  it('accepts an OAuth access token and closes the connection (1008) when it expires', async () => {
    const peer = await open({ headers: { Authorization: `Bearer ${await issuer.sign({ expiresIn: 4 })}` } });
    peer.socket.send(INITIALIZE);
    expect(await peer.next()).toMatchObject({ id: 1 });
    expect(await peer.closed).toEqual({ code: 1008, reason: 'access token expired' });
  });

  it.each<[string, string, Record<string, string>, number]>([
    ['no credential', '/ws', { Authorization: '' }, 401],
    ['an expired token', '/ws', {}, 401],
    ['a foreign Host', '/ws', { Host: 'evil.example' }, 403],
    ['a foreign Origin', '/ws', { Origin: 'https://evil.example' }, 403],
    ['another path', '/other', {}, 404],
  ])('refuses an upgrade with %s', async (label, path, headers, status) => {
    const token = label === 'an expired token' ? await issuer.sign({ expiresIn: -60 }) : KEY;
    const url = ws.url.replace('/ws', path);
    expect(await refusedWith(url, { Authorization: `Bearer ${token}`, ...headers })).toBe(status);
  });

  it('refuses connections over the limit with 503, and a plain GET with 426', async () => {
    await Promise.all([open(), open(), open()]);
    expect(await refusedWith(ws.url, { Authorization: `Bearer ${KEY}` })).toBe(503);
    const plain = await rawRequest(ws.url.replace(/^ws/, 'http'), { headers: { Authorization: `Bearer ${KEY}` } });
    expect([plain.status, plain.headers['upgrade']]).toEqual([426, 'websocket']);
  });

  it('closes its connections with 1001 when it shuts down, and logged no credential', async () => {
    const peer = await open();
    await ws.close();
    expect((await peer.closed).code).toBe(1001);
    expect(output()).toContain('"auth":"oauth"');
    expect(output()).not.toContain(KEY);
    expect(output()).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}/);
  });
});
