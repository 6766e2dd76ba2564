import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FaxbotError } from '../errors/faxbot-error';
import { isHttpFailure, type WebSocketEventMap } from '../contracts/transports';
import { createTestDeps } from './test-deps';

describe('createTestDeps transports', () => {
  let server: Server;
  let origin: string;
  const seen: string[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      seen.push(`${request.method} ${request.url}`);
      if (request.url?.startsWith('/missing')) {
        response.writeHead(404, { 'x-request-id': 'r-404' }).end('{"error":"no such fax"}');
        return;
      }
      if (request.url === '/moved') {
        response.writeHead(302, { location: 'http://elsewhere.example.com/x' }).end();
        return;
      }
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ echo: body, agent: request.headers['user-agent'] })));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('sends real requests to a loopback server, naming the plugin, and records them', async () => {
    const deps = createTestDeps({ pluginId: 'acme' });
    const response = await deps.http.post<{ echo: string; agent: string }>(`${origin}/v1/faxes`, { json: { id: 'f1' } });
    expect(response).toMatchObject({ status: 200, attempts: 1, data: { echo: '{"id":"f1"}', agent: 'faxbot-plugin/acme' } });
    expect(deps.httpRequests).toEqual([{ method: 'POST', url: `${origin}/v1/faxes` }]);
  });

  it.each([
    ['a 4xx', '/missing', 'PROVIDER_REJECTED', 404, false],
    ['a redirect to an undeclared host', '/moved', 'NOT_SUPPORTED', null, false],
  ])('throws the host codes for %s', async (_what, path, code, status, retryable) => {
    const deps = createTestDeps({ pluginId: 'acme' });
    const error = await deps.http.get(`${origin}${path}`).catch((caught: unknown) => caught);
    expect(FaxbotError.is(error) && error.code).toBe(code);
    expect(FaxbotError.is(error) && error.retryable).toBe(retryable);
    if (status !== null) expect(FaxbotError.is(error) && isHttpFailure(error.cause) && error.cause.status).toBe(status);
  });

  it('gives a retryable PROVIDER_UNAVAILABLE when nothing listens', async () => {
    const deps = createTestDeps({ pluginId: 'acme' });
    const error = await deps.http.get('http://127.0.0.1:1/').catch((caught: unknown) => caught);
    expect(FaxbotError.is(error) && [error.code, error.retryable]).toEqual(['PROVIDER_UNAVAILABLE', true]);
  });

  it('refuses a host that is not allowed before any request, logging host and port only', async () => {
    const deps = createTestDeps({ pluginId: 'acme' });
    const before = seen.length;
    const error = await deps.http.get('https://api.example.com/v1/numbers/+15551234567?to=5551234567').catch((caught: unknown) => caught);
    expect(FaxbotError.is(error) && error.code).toBe('NOT_SUPPORTED');
    expect(seen.length).toBe(before);
    expect(deps.httpRequests).toEqual([]);
    expect(deps.logLines).toEqual([{ level: 'warn', message: 'egress refused', fields: { host: 'api.example.com', port: 443, reason: 'host not declared' } }]);
    expect(JSON.stringify(deps.logLines)).not.toContain('5551234567');
  });

  it('allows the hosts a test names instead of loopback', async () => {
    const deps = createTestDeps({ pluginId: 'acme', allowedHosts: ['*.example.com:443'] });
    await expect(deps.http.get(`${origin}/`)).rejects.toMatchObject({ code: 'NOT_SUPPORTED' });
    await expect(deps.websockets.connect('wss://events.example.com/v1')).resolves.toBe('ws-1');
    await expect(deps.websockets.connect('ws://events.example.com/v1')).rejects.toMatchObject({ code: 'NOT_SUPPORTED' });
  });

  it('lets the test play a WebSocket server: messages, a drop and the reconnect sequence', async () => {
    const deps = createTestDeps({ pluginId: 'acme', allowedHosts: ['events.example.com'] });
    let token = 1;
    const id = await deps.websockets.connect('wss://events.example.com/v1', { headers: () => ({ authorization: `Bearer t${token++}` }) });
    const seenEvents: Array<[string, unknown]> = [];
    const names: Array<keyof WebSocketEventMap> = ['open', 'message', 'close', 'reconnecting', 'reconnected', 'ended'];
    for (const name of names) deps.websockets.subscribe(id, name, (event) => void seenEvents.push([name, event]));
    deps.websockets.subscribe(id, 'open', () => deps.websockets.send(id, 'subscribe'));
    await new Promise((resolve) => setImmediate(resolve));
    const socket = deps.websocketPeer.connection('wss://events.example.com');
    await deps.websocketPeer.push(socket.id, '{"status":"delivered"}');
    await deps.websocketPeer.drop(socket.id);
    await deps.websocketPeer.push(socket.id, '{"status":"failed"}');
    await deps.websockets.disconnect(id);
    expect(seenEvents.map(([name]) => name)).toEqual(['open', 'message', 'close', 'reconnecting', 'open', 'reconnected', 'message', 'close', 'ended']);
    expect(socket).toMatchObject({ sent: ['subscribe', 'subscribe'], opens: 2, state: 'closed', headers: { authorization: 'Bearer t2' } });
    expect(() => deps.websockets.subscribe(id, 'message', () => undefined)).toThrow(FaxbotError);
    await expect(deps.websockets.send(id, 'late')).rejects.toMatchObject({ code: 'NOT_SUPPORTED' });
  });

  it('lets the test play an event stream that resumes with the last event id', async () => {
    const deps = createTestDeps({ pluginId: 'acme' });
    const id = await deps.eventStreams.connect(`${origin}/events`, { lastEventId: 'e0' });
    const data: string[] = [];
    deps.eventStreams.subscribe(id, 'fax.status', (event) => void data.push(`${event.id}:${event.data}`));
    await deps.eventStreamPeer.push(id, { event: 'fax.status', data: 'a', id: 'e1' });
    await deps.eventStreamPeer.push(id, { data: 'ignored' });
    await deps.eventStreamPeer.drop(id);
    await deps.eventStreamPeer.push(id, { event: 'fax.status', data: 'b', id: 'e2' });
    expect(data).toEqual(['e1:a', 'e2:b']);
    expect(deps.eventStreamPeer.stream().requestedLastEventIds).toEqual(['e0', 'e1']);
    expect(deps.eventStreams.lastEventId(id)).toBe('e2');
    await deps.eventStreams.disconnect(id);
    expect(deps.eventStreams.lastEventId(id)).toBe('');
  });

  it('uses transports the test passes in', async () => {
    const http = createTestDeps({ pluginId: 'other' }).http;
    expect(createTestDeps({ pluginId: 'acme', transports: { http } }).http).toBe(http);
  });
});
