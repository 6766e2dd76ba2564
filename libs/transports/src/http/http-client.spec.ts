import { FAST, httpHarness, rejection } from './http-client.test-helpers';

describe('createHttpClient: egress, redirects, logging and encoding', () => {
  const harness = httpHarness();

  it('refuses a host outside the allowlist before any connection', async () => {
    const server = await harness.serve((_request, response) => response.end('should not be reached'));
    const http = harness.client(FAST, ['api.example.com']);

    const error = await rejection(http.get(`${server.origin}/v1/faxes?apiKey=k`));

    expect(error.code).toBe('NOT_SUPPORTED');
    expect(error.retryable).toBe(false);
    expect(server.connections()).toBe(0);
    expect(harness.context.logLines).toContainEqual({ level: 'warn', message: 'egress refused', fields: expect.objectContaining({ host: '127.0.0.1', port: server.port }) });
    expect(harness.context.payloads('transport.http.request_failed')).toEqual([
      { requestId: expect.any(String), method: 'GET', host: '127.0.0.1', errorCode: 'NOT_SUPPORTED', ms: expect.any(Number) },
    ]);
    expect(harness.context.payloads('transport.http.request_started')).toEqual([]);
  });

  it('refuses a redirect to an undeclared port without contacting it', async () => {
    const elsewhere = await harness.serve((_request, response) => response.end('should not be reached'));
    const server = await harness.serve((_request, response) => {
      response.statusCode = 302;
      response.setHeader('location', `${elsewhere.origin}/landing`);
      response.end();
    });
    const http = harness.client(FAST, [`127.0.0.1:${server.port}`]);

    const error = await rejection(http.get(`${server.origin}/start`));

    expect(error.code).toBe('NOT_SUPPORTED');
    expect(elsewhere.connections()).toBe(0);
  });

  it('follows an allowed redirect and drops credentials when it leaves the origin', async () => {
    const target = await harness.serve((_request, response) => response.end('landed'));
    const server = await harness.serve((_request, response) => {
      response.statusCode = 307;
      response.setHeader('location', `${target.origin}/landing`);
      response.end();
    });

    const response = await harness.client().get(`${server.origin}/start`, { headers: { authorization: 'Bearer secret', 'x-trace': 't1' } });

    expect(response.data).toBe('landed');
    expect(target.requests[0]?.headers.authorization).toBeUndefined();
    expect(target.requests[0]?.headers['x-trace']).toBe('t1');
  });

  it('logs method, host, path, status, duration and attempt, never query, headers or bodies', async () => {
    const server = await harness.serve((_request, response, index) => {
      response.statusCode = [500, 200, 404][index] ?? 200;
      response.setHeader('set-cookie', 'session=cookie-secret');
      response.end('response-body-secret');
    });
    const http = harness.client();

    await http.post(`${server.origin}/v1/faxes?api_key=query-secret`, {
      headers: { authorization: 'Bearer header-secret', 'idempotency-key': 'key-secret' },
      json: { to: '+15551234567', note: 'request-body-secret' },
      query: { token: 'param-secret' },
    });
    await rejection(http.get(`${server.origin}/v1/missing?sig=query-secret`, { headers: { 'x-api-key': 'header-secret' } }));

    const logged = JSON.stringify(harness.context.logLines);
    for (const secret of ['query-secret', 'param-secret', 'header-secret', 'key-secret', 'request-body-secret', '5551234567', 'response-body-secret', 'cookie-secret', 'api_key', '?']) {
      expect(logged).not.toContain(secret);
    }
    expect(harness.context.logLines).toContainEqual({
      level: 'debug',
      message: 'http attempt',
      fields: { requestId: expect.any(String), method: 'POST', host: '127.0.0.1', path: '/v1/faxes', status: 500, ms: expect.any(Number), attempt: 1 },
    });
    expect(harness.context.logLines).toContainEqual({
      level: 'debug',
      message: 'http request completed',
      fields: { requestId: expect.any(String), method: 'POST', host: '127.0.0.1', path: '/v1/faxes', status: 200, attempts: 2, ms: expect.any(Number) },
    });
    expect(harness.context.logLines).toContainEqual({
      level: 'warn',
      message: 'http request failed',
      fields: { requestId: expect.any(String), method: 'GET', host: '127.0.0.1', path: '/v1/missing', errorCode: 'PROVIDER_REJECTED', status: 404, attempts: 1, ms: expect.any(Number) },
    });
    expect(JSON.stringify(harness.context.events)).not.toMatch(/secret|faxes|missing|5551234567/);
  });

  it('logs logPath instead of the real path', async () => {
    const server = await harness.serve((_request, response) => response.end());

    await harness.client().get(`${server.origin}/botTOKEN123/sendMessage`, { logPath: '/bot:token/sendMessage' });

    expect(JSON.stringify(harness.context.logLines)).not.toContain('TOKEN123');
    expect(JSON.stringify(harness.context.logLines)).toContain('/bot:token/sendMessage');
  });

  it('sends query, headers and bodies as asked and reads the response as asked', async () => {
    const server = await harness.serve((request, response) => {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ echo: request }));
    });
    const http = harness.client({ ...FAST, headers: { 'x-default': 'd', 'x-override': 'default' } });

    const json = await http.post<{ echo: { url: string; body: string; headers: Record<string, string> } }>(`${server.origin}/p?a=1`, {
      query: { b: 2, c: true },
      json: { hello: 'world' },
      headers: { 'X-Override': 'mine' },
    });
    const form = await http.post<{ echo: { body: string; headers: Record<string, string> } }>(`${server.origin}/f`, { body: new URLSearchParams({ k: 'v w' }) });
    const bytes = await http.put(`${server.origin}/b`, { body: Buffer.from('raw'), responseType: 'bytes' });
    const text = await http.delete(`${server.origin}/t`, { responseType: 'text' });

    expect(json.data.echo.url).toBe('/p?a=1&b=2&c=true');
    expect(json.data.echo.body).toBe('{"hello":"world"}');
    expect(json.data.echo.headers).toMatchObject({ 'content-type': 'application/json', 'x-default': 'd', 'x-override': 'mine', 'user-agent': 'faxbot-plugin/acme' });
    expect(form.data.echo).toMatchObject({ body: 'k=v+w', headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8' } });
    expect(bytes.data).toBeInstanceOf(Uint8Array);
    expect(JSON.parse(Buffer.from(bytes.data as Uint8Array).toString('utf8')).echo).toMatchObject({ method: 'PUT', body: 'raw' });
    expect(typeof text.data).toBe('string');
  });

  it('uploads FormData as multipart', async () => {
    const server = await harness.serve((request, response) => response.end(`${request.headers['content-type'] ?? ''}\n${request.body}`));
    const form = new FormData();
    form.append('file', new Blob([Buffer.from('%PDF-1.4')], { type: 'application/pdf' }), 'fax.pdf');

    const response = await harness.client().post<string>(`${server.origin}/upload`, { body: form });

    expect(response.data).toMatch(/^multipart\/form-data; boundary=/);
    expect(response.data).toContain('%PDF-1.4');
  });

  it('refuses other schemes and unparsable URLs', async () => {
    const http = harness.client();

    expect((await rejection(http.get('ftp://127.0.0.1/file'))).code).toBe('NOT_SUPPORTED');
    expect((await rejection(http.get('not a url'))).code).toBe('CONFIG_INVALID');
    expect((await rejection(http.post('http://127.0.0.1:1/x', { body: 'a', json: {} }))).code).toBe('CONFIG_INVALID');
  });
});
