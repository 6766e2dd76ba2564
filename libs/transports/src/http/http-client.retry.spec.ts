import { closedPort, waitFor, type LoopbackServer } from '../test-support/loopback-server.test-helpers';
import { FAST, httpHarness, rejection } from './http-client.test-helpers';
import { HttpFailureError } from './http-failure';

describe('createHttpClient: statuses, retries and timeouts', () => {
  const harness = httpHarness();

  it('retries two 503s and returns the third answer, with the catalogue events', async () => {
    const server = await harness.serve((_request, response, index) => {
      if (index < 2) {
        response.statusCode = 503;
        response.end('busy');
        return;
      }
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ id: 'fax-1' }));
    });
    const http = harness.client();

    const response = await http.get<{ id: string }>(`${server.origin}/v1/faxes/1`);

    expect(response).toMatchObject({ status: 200, data: { id: 'fax-1' }, attempts: 3 });
    expect(server.requests).toHaveLength(3);
    expect(harness.context.events.map((event) => event.type)).toEqual([
      'transport.http.request_started',
      'transport.http.retry_attempted',
      'transport.http.retry_attempted',
      'transport.http.request_completed',
    ]);
    const [started] = harness.context.payloads('transport.http.request_started');
    expect(Object.keys(started!).sort()).toEqual(['host', 'method', 'requestId']);
    expect(started).toEqual({ requestId: expect.any(String), method: 'GET', host: '127.0.0.1' });
    expect(harness.context.payloads('transport.http.retry_attempted')).toEqual([
      { requestId: started!.requestId, method: 'GET', host: '127.0.0.1', attempt: 2, delayMs: expect.any(Number) },
      { requestId: started!.requestId, method: 'GET', host: '127.0.0.1', attempt: 3, delayMs: expect.any(Number) },
    ]);
    expect(harness.context.payloads('transport.http.request_completed')).toEqual([
      { requestId: started!.requestId, method: 'GET', host: '127.0.0.1', status: 200, ms: expect.any(Number) },
    ]);
  });

  it('gives up on a 404 at once with PROVIDER_REJECTED and a request_failed event', async () => {
    const server = await harness.serve((_request, response) => {
      response.statusCode = 404;
      response.setHeader('set-cookie', 'session=s1');
      response.end('no such fax');
    });
    const http = harness.client();

    const error = await rejection(http.get(`${server.origin}/v1/faxes/404`));

    expect(error.code).toBe('PROVIDER_REJECTED');
    expect(error.retryable).toBe(false);
    expect(error.cause instanceof HttpFailureError && error.cause.status).toBe(404);
    expect(error.cause).toMatchObject({ name: 'HttpFailure', attempts: 1, networkCode: null, headers: expect.objectContaining({ 'content-length': '11' }) });
    expect(JSON.stringify(error)).not.toContain('no such fax');
    expect((error.cause as HttpFailureError).headers['set-cookie']).toBeUndefined();
    expect(server.requests).toHaveLength(1);
    expect(harness.context.payloads('transport.http.request_failed')).toEqual([
      { requestId: expect.any(String), method: 'GET', host: '127.0.0.1', errorCode: 'PROVIDER_REJECTED', ms: expect.any(Number) },
    ]);
    expect(harness.context.payloads('transport.http.retry_attempted')).toEqual([]);
  });

  it.each([
    [401, 'PROVIDER_AUTH_FAILED', false],
    [403, 'PROVIDER_AUTH_FAILED', false],
    [422, 'PROVIDER_REJECTED', false],
    [500, 'PROVIDER_UNAVAILABLE', true],
    [429, 'PROVIDER_UNAVAILABLE', true],
  ])('maps a final %i to %s (retryable %s)', async (status, code, retryable) => {
    const server = await harness.serve((_request, response) => {
      response.statusCode = status;
      response.end();
    });
    const http = harness.client({ ...FAST, retry: { maxAttempts: 2, baseDelayMs: 1 } });

    const error = await rejection(http.get(`${server.origin}/x`));

    expect([error.code, error.retryable]).toEqual([code, retryable]);
    expect(server.requests).toHaveLength(retryable ? 2 : 1);
  });

  it('returns error statuses instead of throwing with throwHttpErrors: false', async () => {
    const server = await harness.serve((_request, response) => {
      response.statusCode = 404;
      response.setHeader('content-type', 'application/json');
      response.end('{"error":"not found"}');
    });

    const response = await harness.client().get(`${server.origin}/x`, { throwHttpErrors: false });

    expect(response).toEqual({ status: 404, headers: expect.objectContaining({ 'content-type': 'application/json' }), data: { error: 'not found' }, attempts: 1 });
  });

  it('waits as long as Retry-After asks before retrying', async () => {
    const server = await harness.serve((_request, response, index) => {
      if (index === 0) {
        response.statusCode = 429;
        response.setHeader('retry-after', '1');
        response.end();
        return;
      }
      response.end('ok');
    });
    const http = harness.client();
    const times: number[] = [];
    server.server.on('request', () => times.push(Date.now()));

    const response = await http.get(`${server.origin}/x`);

    expect(response.data).toBe('ok');
    expect(harness.context.payloads('transport.http.retry_attempted')[0]?.delayMs).toBeGreaterThanOrEqual(1000);
    // The backoff alone would be a few ms; the gap proves the header was honoured.
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(900);
  });

  it('stops retrying when Retry-After is longer than the cap', async () => {
    const server = await harness.serve((_request, response) => {
      response.statusCode = 503;
      response.setHeader('retry-after', '3600');
      response.end();
    });

    const error = await rejection(harness.client().get(`${server.origin}/x`));

    expect([error.code, error.retryable]).toEqual(['PROVIDER_UNAVAILABLE', true]);
    expect(server.requests).toHaveLength(1);
  });

  it('times out a server that never answers with PROVIDER_TIMEOUT', async () => {
    const server = await harness.serve(() => undefined);

    const error = await rejection(harness.client({ ...FAST, timeoutMs: 200 }).get(`${server.origin}/slow`, { retry: false }));

    expect(error.code).toBe('PROVIDER_TIMEOUT');
    expect(error.cause instanceof HttpFailureError && error.cause.networkCode).toBe('timeout');
    expect(harness.context.payloads('transport.http.request_failed')[0]?.errorCode).toBe('PROVIDER_TIMEOUT');
  });

  it('retries a connection refused and ends with a retryable PROVIDER_UNAVAILABLE', async () => {
    const port = await closedPort();

    const error = await rejection(harness.client().get(`http://127.0.0.1:${port}/x`));

    expect([error.code, error.retryable]).toEqual(['PROVIDER_UNAVAILABLE', true]);
    expect(error.cause instanceof HttpFailureError && [error.cause.networkCode, error.cause.attempts]).toEqual(['ECONNREFUSED', 3]);
  });

  describe('which requests retry', () => {
    let server: LoopbackServer;
    beforeEach(async () => {
      server = await harness.serve((_request, response) => {
        response.statusCode = 503;
        response.end();
      });
    });

    it.each([
      ['a plain POST', 1, { method: 'POST' as const, json: { a: 1 } }],
      ['a POST with retry: true', 3, { method: 'POST' as const, json: { a: 1 }, retry: true }],
      ['a POST with retry options', 2, { method: 'POST' as const, retry: { maxAttempts: 2 } }],
      ['a POST with an Idempotency-Key', 3, { method: 'POST' as const, headers: { 'Idempotency-Key': 'k-1' } }],
      ['a PATCH with X-Idempotency-Key', 3, { method: 'PATCH' as const, headers: { 'x-idempotency-key': 'k-2' } }],
      ['a POST with a key and retry: false', 1, { method: 'POST' as const, headers: { 'idempotency-key': 'k-3' }, retry: false }],
      ['a GET', 3, { method: 'GET' as const }],
      ['a PUT', 3, { method: 'PUT' as const, body: 'x' }],
      ['a GET with retry: false', 1, { method: 'GET' as const, retry: false }],
    ])('%s makes %i attempt(s)', async (_name, attempts, request) => {
      const error = await rejection(harness.client().request({ ...request, url: `${server.origin}/x` }));

      expect(error.code).toBe('PROVIDER_UNAVAILABLE');
      expect(server.requests).toHaveLength(attempts);
    });
  });

  it('fails with PROVIDER_TIMEOUT when the caller aborts, and close() ends requests in flight', async () => {
    const server = await harness.serve(() => undefined);
    const http = harness.client();
    const controller = new AbortController();

    const aborted = rejection(http.get(`${server.origin}/a`, { signal: controller.signal }));
    await waitFor(() => server.requests.length === 1, 'the first request');
    controller.abort();
    expect((await aborted).code).toBe('PROVIDER_TIMEOUT');

    const pending = rejection(http.get(`${server.origin}/b`));
    await waitFor(() => server.requests.length === 2, 'the second request');
    await http.close();
    expect((await pending).code).toBe('PROVIDER_TIMEOUT');
    expect((await rejection(http.get(`${server.origin}/c`))).code).toBe('NOT_SUPPORTED');
  });
});
