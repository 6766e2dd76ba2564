import type { ServerResponse } from 'node:http';
import { FaxbotError, type EventStreamStatus, type ServerSentEvent } from '@faxbot/plugin-sdk';
import { closedPort, startLoopbackServer, waitFor, type LoopbackServer, type RecordedRequest } from '../test-support/loopback-server.test-helpers';
import { recordingContext, type RecordingContext } from '../test-support/transport-context.test-helpers';
import { createEventStreamClient, type EventStreamClient, type EventStreamClientDefaults } from './event-stream-client';

const FAST: EventStreamClientDefaults = { reconnect: { baseDelayMs: 10, maxDelayMs: 50 }, connectTimeoutMs: 5_000 };

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

/** Starts the event stream on `response`. */
function openStream(response: ServerResponse, first = ''): ServerResponse {
  response.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
  response.write(first === '' ? ': hello\n\n' : first);
  return response;
}

describe('createEventStreamClient', () => {
  const servers: LoopbackServer[] = [];
  let context: RecordingContext;
  let client: EventStreamClient;

  const serve = async (handler: (request: RecordedRequest, response: ServerResponse, index: number) => void): Promise<LoopbackServer> => {
    const server = await startLoopbackServer(handler);
    servers.push(server);
    return server;
  };
  const open = (defaults: EventStreamClientDefaults = FAST, allowedHosts: readonly string[] = ['127.0.0.1']): EventStreamClient => {
    context = recordingContext(allowedHosts);
    client = createEventStreamClient({ ...context, defaults });
    return client;
  };
  const statuses = (id: string): EventStreamStatus[] => {
    const seen: EventStreamStatus[] = [];
    client.subscribeStatus(id, (status) => {
      seen.push(status);
    });
    return seen;
  };
  const collect = (id: string, event: string): ServerSentEvent[] => {
    const seen: ServerSentEvent[] = [];
    client.subscribe(id, event, (received) => {
      seen.push(received);
    });
    return seen;
  };

  afterEach(async () => {
    await client?.close();
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });

  it('parses multi-line data, reconnects when the server closes the stream, and resumes with Last-Event-ID', async () => {
    const server = await serve((_request, response, index) => {
      if (index === 0) {
        openStream(response, 'retry: 10\nid: 1\nevent: update\ndata: line one\ndata: line two\n\n').end();
        return;
      }
      openStream(response, 'id: 2\nevent: update\ndata: again\n\n');
    });
    const streams = open();

    const id = await streams.connect(`${server.origin}/v1/events?token=query-secret`, { headers: { authorization: 'Bearer header-secret' } });
    const updates = collect(id, 'update');
    const lifecycle = statuses(id);
    await waitFor(() => updates.length === 2, 'both events');

    expect(updates).toEqual([
      { event: 'update', data: 'line one\nline two', id: '1' },
      { event: 'update', data: 'again', id: '2' },
    ]);
    expect(server.requests[0]!.headers['last-event-id']).toBeUndefined();
    expect(server.requests[1]!.headers).toMatchObject({ 'last-event-id': '1', accept: 'text/event-stream', authorization: 'Bearer header-secret' });
    expect(lifecycle).toEqual([
      { state: 'open', reconnected: false },
      { state: 'reconnecting', attempt: 1, delayMs: expect.any(Number) },
      { state: 'open', reconnected: true },
    ]);
    expect(streams.lastEventId(id)).toBe('2');
    expect(JSON.stringify(context.logLines)).not.toMatch(/secret|line one|again|\/v1\/events/);
  });

  it('delivers events by name, unnamed ones as message, until unsubscribed', async () => {
    let stream: ServerResponse | undefined;
    const server = await serve((_request, response) => {
      stream = openStream(response);
    });
    const streams = open();
    const id = await streams.connect(server.origin);
    const messages = collect(id, 'message');
    const others: ServerSentEvent[] = [];
    const unsubscribe = streams.subscribe(id, 'other', (event) => {
      others.push(event);
    });

    stream!.write('data: m1\n\nevent: other\ndata: o1\n\n');
    await waitFor(() => messages.length === 1 && others.length === 1, 'one event of each name');
    unsubscribe();
    stream!.write('event: other\ndata: o2\n\ndata: m2\n\n');
    await waitFor(() => messages.length === 2, 'the second message');

    expect(messages.map((event) => event.data)).toEqual(['m1', 'm2']);
    expect(others.map((event) => event.data)).toEqual(['o1']);
  });

  it('stops reconnecting after disconnect', async () => {
    const server = await serve((_request, response) => {
      openStream(response);
    });
    const streams = open();
    const id = await streams.connect(server.origin);
    const lifecycle = statuses(id);

    await streams.disconnect(id);
    await waitFor(() => lifecycle.some((status) => status.state === 'closed'), 'the closed status');
    await sleep(200);

    expect(server.requests).toHaveLength(1);
    expect(lifecycle.at(-1)).toEqual({ state: 'closed', reason: 'disconnected' });
    expect(() => streams.subscribe(id, 'message', () => undefined)).toThrow(FaxbotError);
  });

  it('sends a saved lastEventId on the first request', async () => {
    const server = await serve((_request, response) => {
      openStream(response);
    });

    await open().connect(server.origin, { lastEventId: 'cursor-41' });

    expect(server.requests[0]!.headers['last-event-id']).toBe('cursor-41');
  });

  it('reconnects after 503 with Retry-After and ends on 204', async () => {
    const server = await serve((_request, response, index) => {
      if (index === 0) openStream(response).end();
      else if (index === 1) response.writeHead(503, { 'retry-after': '0' }).end();
      else if (index === 2) openStream(response, 'data: back\n\n').end();
      else response.writeHead(204).end();
    });
    const streams = open();
    const id = await streams.connect(server.origin);
    const lifecycle = statuses(id);
    const messages = collect(id, 'message');

    await waitFor(() => lifecycle.some((status) => status.state === 'closed'), 'the end of the stream');

    expect(messages.map((event) => event.data)).toEqual(['back']);
    expect(server.requests).toHaveLength(4);
    expect(lifecycle.at(-1)).toEqual({ state: 'closed', reason: 'ended' });
  });

  it('reopens a stream that stays silent past idleTimeoutMs', async () => {
    const server = await serve((_request, response) => {
      openStream(response);
    });
    const streams = open({ ...FAST, idleTimeoutMs: 100 });

    const id = await streams.connect(server.origin);
    const lifecycle = statuses(id);
    await waitFor(() => server.requests.length >= 2 && lifecycle.some((status) => status.state === 'open'), 'a second request');

    expect(context.logLines.map((line) => line.message)).toContain('event stream idle');
  });

  it.each([
    [401, 'text/plain', 'PROVIDER_AUTH_FAILED'],
    [404, 'text/plain', 'PROVIDER_REJECTED'],
    [200, 'application/json', 'PROVIDER_REJECTED'],
    [503, 'text/plain', 'PROVIDER_UNAVAILABLE'],
  ])('rejects a first response %i %s with %s', async (status, contentType, code) => {
    const server = await serve((_request, response) => response.writeHead(status, { 'content-type': contentType }).end('{}'));

    expect((await rejection(open().connect(server.origin))).code).toBe(code);
  });

  it('rejects a first connect that finds nothing listening', async () => {
    const error = await rejection(open().connect(`http://127.0.0.1:${await closedPort()}/events`));

    expect([error.code, error.retryable]).toEqual(['PROVIDER_UNAVAILABLE', true]);
  });

  it('ends with rejected when a reconnect is refused with 403', async () => {
    const server = await serve((_request, response, index) => {
      if (index === 0) openStream(response).end();
      else response.writeHead(403).end();
    });
    const streams = open();
    const id = await streams.connect(server.origin);
    const lifecycle = statuses(id);

    await waitFor(() => lifecycle.some((status) => status.state === 'closed'), 'the end');

    expect(lifecycle.at(-1)).toEqual({ state: 'closed', reason: 'rejected' });
  });

  it('refuses a host outside the allowlist before any connection', async () => {
    const server = await serve((_request, response) => {
      openStream(response);
    });

    const error = await rejection(open(FAST, ['api.example.com']).connect(`${server.origin}/events`));

    expect(error.code).toBe('NOT_SUPPORTED');
    expect(server.connections()).toBe(0);
    expect(context.logLines).toContainEqual({ level: 'warn', message: 'egress refused', fields: expect.objectContaining({ transport: 'event-stream', host: '127.0.0.1' }) });
  });

  it('close() ends every stream and refuses new ones', async () => {
    const server = await serve((_request, response) => {
      openStream(response);
    });
    const streams = open();
    const id = await streams.connect(server.origin);
    const lifecycle = statuses(id);

    await streams.close();
    await waitFor(() => lifecycle.some((status) => status.state === 'closed'), 'the closed status');

    // The first `open` still reaches a handler subscribed right after connect resolved.
    expect(lifecycle).toEqual([
      { state: 'open', reconnected: false },
      { state: 'closed', reason: 'disconnected' },
    ]);
    expect(streams.lastEventId(id)).toBe('');
    expect((await rejection(streams.connect(server.origin))).code).toBe('NOT_SUPPORTED');
  });
});
