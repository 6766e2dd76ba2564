import { FaxbotError, type WebSocketEventMap, type WebSocketEventName } from '@faxbot/plugin-sdk';
import { closedPort, startLoopbackServer, waitFor } from '../test-support/loopback-server.test-helpers';
import { recordingContext, type RecordingContext } from '../test-support/transport-context.test-helpers';
import { startWebSocketServer, type LoopbackWebSocketServer } from '../test-support/websocket-server.test-helpers';
import { createWebSocketTransport, type WebSocketTransport, type WebSocketTransportDefaults } from './websocket-transport';

// Fast reconnects, no heartbeat unless a test asks: the suite waits for outcomes, not for time.
const FAST: WebSocketTransportDefaults = { reconnect: { baseDelayMs: 10, maxDelayMs: 50 }, heartbeat: { intervalMs: 60_000 }, connectTimeoutMs: 5_000 };

type Recorded = { [E in WebSocketEventName]: { event: E; payload: WebSocketEventMap[E] } }[WebSocketEventName];

async function rejection(promise: Promise<unknown>): Promise<FaxbotError> {
  try {
    await promise;
  } catch (error) {
    if (FaxbotError.is(error)) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('createWebSocketTransport', () => {
  const servers: Array<{ close(): Promise<void> }> = [];
  let context: RecordingContext;
  let transport: WebSocketTransport;

  const serve = async (...args: Parameters<typeof startWebSocketServer>): Promise<LoopbackWebSocketServer> => {
    const server = await startWebSocketServer(...args);
    servers.push(server);
    return server;
  };
  const open = (defaults: WebSocketTransportDefaults = FAST, allowedHosts: readonly string[] = ['127.0.0.1']): WebSocketTransport => {
    context = recordingContext(allowedHosts);
    transport = createWebSocketTransport({ ...context, defaults });
    return transport;
  };
  const record = (id: string): Recorded[] => {
    const seen: Recorded[] = [];
    for (const event of ['open', 'message', 'close', 'reconnecting', 'reconnected', 'error', 'ended'] as const) {
      transport.subscribe(id, event, (payload: WebSocketEventMap[typeof event]) => {
        seen.push({ event, payload } as Recorded);
      });
    }
    return seen;
  };
  const messages = (seen: Recorded[]): unknown[] => seen.flatMap((entry) => (entry.event === 'message' ? [entry.payload.data] : []));

  afterEach(async () => {
    await transport?.close();
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });

  it('reconnects after the server drops the connection and keeps delivering subscribed messages', async () => {
    const server = await serve({}, (socket, index) => socket.send(`hello ${index}`));
    const sockets = open();

    const id = await sockets.connect(`${server.origin}/events?token=abc`);
    const seen = record(id);
    await waitFor(() => messages(seen).includes('hello 0'), 'the first message');

    server.sockets[0]!.terminate();
    await waitFor(() => messages(seen).includes('hello 1'), 'a message on the new connection');
    await sockets.send(id, 'after reconnect');
    await waitFor(() => server.received.includes('after reconnect'), 'the server to receive');

    expect(sockets.state(id)).toBe('open');
    expect(seen.map((entry) => entry.event)).toEqual(['open', 'message', 'close', 'reconnecting', 'open', 'reconnected', 'message']);
    expect(seen[0]!.payload).toEqual({ reconnected: false });
    expect(seen[2]!.payload).toEqual({ code: 1006, reason: '', willReconnect: true });
    expect(seen[4]!.payload).toEqual({ reconnected: true });
    expect(seen[5]!.payload).toEqual({ attempt: 1 });
    expect(context.payloads('transport.websocket.connected')).toEqual([
      { connectionId: id, host: '127.0.0.1' },
      { connectionId: id, host: '127.0.0.1' },
    ]);
    expect(context.payloads('transport.websocket.disconnected')).toEqual([{ connectionId: id, code: 1006 }]);
    expect(context.payloads('transport.websocket.message_received')).toEqual([
      { connectionId: id, bytes: 7 },
      { connectionId: id, bytes: 7 },
    ]);
    expect(JSON.stringify(context.logLines)).not.toMatch(/hello|token|events/);
  });

  it('delivers binary frames as bytes', async () => {
    const server = await serve({}, (socket) => socket.send(Buffer.from([1, 2, 3])));
    const sockets = open();

    const id = await sockets.connect(server.origin);
    const seen = record(id);
    await waitFor(() => messages(seen).length === 1, 'the binary message');

    expect(seen[1]).toEqual({ event: 'message', payload: { data: new Uint8Array([1, 2, 3]), binary: true } });
  });

  it('drops and reopens a connection whose pongs stop', async () => {
    const server = await serve({ autoPong: false });
    const sockets = open({ ...FAST, heartbeat: { intervalMs: 50, timeoutMs: 100 } });

    const id = await sockets.connect(server.origin);
    const seen = record(id);
    await waitFor(() => server.sockets.length >= 2 && seen.some((entry) => entry.event === 'reconnected'), 'a reconnect after missed pongs');

    const error = seen.find((entry) => entry.event === 'error');
    expect(FaxbotError.is(error?.payload.error) && error.payload.error.code).toBe('PROVIDER_TIMEOUT');
    expect(context.logLines.map((line) => line.message)).toContain('websocket heartbeat missed');
  });

  it('keeps a connection whose pongs come back', async () => {
    const server = await serve({});
    let pings = 0;
    server.wss.on('connection', (socket) => socket.on('ping', () => (pings += 1)));
    const sockets = open({ ...FAST, heartbeat: { intervalMs: 20, timeoutMs: 5_000 } });

    await sockets.connect(server.origin);
    await waitFor(() => pings >= 3, 'three heartbeats');

    expect(server.sockets).toHaveLength(1);
  });

  it('stops reconnecting after disconnect', async () => {
    const server = await serve({});
    const sockets = open();
    const id = await sockets.connect(server.origin);
    const seen = record(id);
    let serverCloseCode: number | undefined;
    server.sockets[0]!.on('close', (code) => (serverCloseCode = code));

    await sockets.disconnect(id);
    await waitFor(() => seen.some((entry) => entry.event === 'ended'), 'the ended event');
    // Ten times the first reconnect delay: a reconnect, if any, would have happened by now.
    await sleep(200);

    expect(server.sockets).toHaveLength(1);
    expect(serverCloseCode).toBe(1000);
    expect(sockets.state(id)).toBe('closed');
    expect(seen.filter((entry) => entry.event === 'close' || entry.event === 'ended')).toEqual([
      { event: 'close', payload: { code: 1000, reason: '', willReconnect: false } },
      { event: 'ended', payload: { reason: 'disconnected' } },
    ]);
    expect((await rejection(sockets.send(id, 'late'))).code).toBe('NOT_SUPPORTED');
  });

  it('stops retrying when disconnected while the server refuses reconnects', async () => {
    let handshakes = 0;
    const server = await serve({ verifyClient: (_info, done) => done(handshakes++ === 0, 503) });
    const sockets = open();
    const id = await sockets.connect(server.origin);
    const seen = record(id);

    server.sockets[0]!.terminate();
    await waitFor(() => seen.filter((entry) => entry.event === 'error').length >= 2, 'two failed reconnects');
    await sockets.disconnect(id);
    const attempts = handshakes;
    await sleep(200);

    expect(handshakes).toBe(attempts);
    expect(seen.at(-1)).toEqual({ event: 'ended', payload: { reason: 'disconnected' } });
  });

  it('sends the handshake headers, calling a header function again for each reconnect', async () => {
    const server = await serve({});
    const sockets = open();
    let calls = 0;

    const id = await sockets.connect(server.origin, { headers: () => ({ Authorization: `Bearer token-${(calls += 1)}` }) });
    const seen = record(id);
    server.sockets[0]!.terminate();
    await waitFor(() => seen.some((entry) => entry.event === 'reconnected'), 'the reconnect');

    expect(server.handshakes.map((headers) => headers.authorization)).toEqual(['Bearer token-1', 'Bearer token-2']);
    expect(server.handshakes[0]!['user-agent']).toBe('faxbot-plugin/acme');
    expect(JSON.stringify(context.logLines)).not.toContain('token-');
  });

  it.each([
    [401, 'PROVIDER_AUTH_FAILED', false],
    [404, 'PROVIDER_REJECTED', false],
    [503, 'PROVIDER_UNAVAILABLE', true],
  ])('rejects a first handshake answered %i with %s', async (status, code, retryable) => {
    const server = await serve({ verifyClient: (_info, done) => done(false, status) });

    const error = await rejection(open().connect(server.origin));

    expect([error.code, error.retryable]).toEqual([code, retryable]);
  });

  it('rejects a first connect that finds nothing listening', async () => {
    const error = await rejection(open().connect(`ws://127.0.0.1:${await closedPort()}`));

    expect([error.code, error.retryable]).toEqual(['PROVIDER_UNAVAILABLE', true]);
  });

  it('ends with rejected when a reconnect handshake is refused with 403', async () => {
    let handshakes = 0;
    const server = await serve({ verifyClient: (_info, done) => done(handshakes++ === 0, 403) });
    const sockets = open();
    const id = await sockets.connect(server.origin);
    const seen = record(id);

    server.sockets[0]!.terminate();
    await waitFor(() => seen.some((entry) => entry.event === 'ended'), 'the end');

    expect(seen.at(-1)).toEqual({ event: 'ended', payload: { reason: 'rejected' } });
    expect(sockets.state(id)).toBe('closed');
  });

  it('gives up after maxAttempts failed reconnects', async () => {
    let handshakes = 0;
    const server = await serve({ verifyClient: (_info, done) => done(handshakes++ === 0, 503) });
    const sockets = open();
    const id = await sockets.connect(server.origin, { reconnect: { maxAttempts: 2, baseDelayMs: 5 } });
    const seen = record(id);

    server.sockets[0]!.terminate();
    await waitFor(() => seen.some((entry) => entry.event === 'ended'), 'the end');

    expect(handshakes).toBe(3);
    expect(seen.filter((entry) => entry.event === 'reconnecting').map((entry) => entry.payload)).toEqual([
      { attempt: 1, delayMs: expect.any(Number) },
      { attempt: 2, delayMs: expect.any(Number) },
    ]);
    expect(seen.at(-1)).toEqual({ event: 'ended', payload: { reason: 'gave_up' } });
  });

  it('ends when the server closes and reconnect is off', async () => {
    const server = await serve({}, (socket) => socket.close(4000, 'bye'));
    const sockets = open();

    const id = await sockets.connect(server.origin, { reconnect: false });
    const seen = record(id);
    await waitFor(() => seen.some((entry) => entry.event === 'ended'), 'the end');

    expect(seen.filter((entry) => entry.event !== 'open')).toEqual([
      { event: 'close', payload: { code: 4000, reason: 'bye', willReconnect: false } },
      { event: 'ended', payload: { reason: 'ended' } },
    ]);
  });

  it('refuses a host outside the allowlist before any connection', async () => {
    const server = await startLoopbackServer((_request, response) => response.end());
    servers.push(server);

    const error = await rejection(open(FAST, ['events.example.com']).connect(`ws://127.0.0.1:${server.port}/socket`));

    expect(error.code).toBe('NOT_SUPPORTED');
    expect(server.connections()).toBe(0);
    expect(context.logLines).toContainEqual({ level: 'warn', message: 'egress refused', fields: expect.objectContaining({ transport: 'websocket', host: '127.0.0.1' }) });
    expect((await rejection(transport.connect(`http://127.0.0.1:${server.port}/`))).code).toBe('NOT_SUPPORTED');
  });

  it('refuses to send while not open, and close() ends every connection', async () => {
    const server = await serve({});
    const sockets = open();
    const first = await sockets.connect(server.origin);
    const second = await sockets.connect(server.origin);

    await sockets.close();

    expect([sockets.state(first), sockets.state(second)]).toEqual(['closed', 'closed']);
    await waitFor(() => server.wss.clients.size === 0, 'the server to see both closed');
    expect((await rejection(sockets.connect(server.origin))).code).toBe('NOT_SUPPORTED');
  });
});
