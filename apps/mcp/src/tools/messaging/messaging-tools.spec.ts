import { randomBytes } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFaxbotClient } from '@faxbot/api-client';
import { ToolError } from '../tool-error';
import { createMessagingTools } from './messaging-tools';

type Handler = (request: IncomingMessage, body: string) => { status: number; body?: unknown; raw?: string; headers?: Record<string, string> };

const MESSAGE = {
  id: 'lm_1', conversation_id: 'cv_1', direction: 'outbound', status: 'delivered', to: '+15557770042', from: null, body: 'hi',
  error_code: null, error: null, backend: 'loopback-messaging', created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:01.000Z',
};

const API_KEY = randomBytes(16).toString('hex');

describe('messaging tools against an HTTP answer', () => {
  let server: Server;
  let url = '';
  let handler: Handler = () => ({ status: 500 });
  const seen: Array<{ method: string; path: string; body: string; key: string | undefined }> = [];

  beforeAll(async () => {
    server = createHttpServer((request: IncomingMessage, response: ServerResponse) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += String(chunk)));
      request.on('end', () => {
        seen.push({ method: request.method ?? '', path: request.url ?? '', body, key: request.headers['x-api-key'] as string | undefined });
        const answer = handler(request, body);
        response.writeHead(answer.status, { 'Content-Type': 'application/json', ...(answer.headers ?? {}) }).end(answer.raw ?? (answer.body === undefined ? '' : JSON.stringify(answer.body)));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => {
    seen.length = 0;
  });

  const tools = (baseUrl = url) => Object.fromEntries(createMessagingTools({ client: createFaxbotClient({ baseUrl, apiKey: API_KEY, timeoutMs: 2_000 }) }).map((entry) => [entry.tool.name, entry.tool]));
  const signal = new AbortController().signal;
  const codeOf = async (work: Promise<unknown>): Promise<string> => work.then(() => 'ok', (error: unknown) => (error instanceof ToolError ? error.code : 'not a ToolError'));

  it('send_message posts {to, body} with the key and returns the message without its text', async () => {
    handler = () => ({ status: 202, body: { ...MESSAGE, status: 'sent' } });
    const output = await tools()['send_message']!.run({ to: '+1 (555) 777-0042', text: 'hi' }, { signal });
    expect(seen[0]).toEqual({ method: 'POST', path: '/messages', body: JSON.stringify({ to: '+15557770042', body: 'hi' }), key: API_KEY });
    expect(output).toEqual({ messageId: 'lm_1', conversationId: 'cv_1', direction: 'outbound', status: 'sent', final: false, errorCode: null, error: null, createdAt: MESSAGE.created_at, updatedAt: MESSAGE.updated_at });
  });

  it('list_conversations passes limit and cursor and returns nextCursor from X-Next-Cursor', async () => {
    handler = () => ({ status: 200, body: [{ id: 'cv_1', peer: '+15557770042', message_count: 1, last_message: MESSAGE, updated_at: MESSAGE.created_at, backend: 'x' }], headers: { 'X-Next-Cursor': 'abc' } });
    const output = await tools()['list_conversations']!.run({ limit: 5, cursor: 'prev' }, { signal });
    expect(seen[0]?.path).toBe('/conversations?limit=5&cursor=prev');
    expect(output).toEqual({ nextCursor: 'abc', items: [expect.objectContaining({ conversationId: 'cv_1', messageCount: 1, lastMessage: expect.objectContaining({ text: 'hi', final: true }) })] });
  });

  it('reply_to_conversation posts {body} to the conversation', async () => {
    handler = () => ({ status: 202, body: MESSAGE });
    await tools()['reply_to_conversation']!.run({ conversationId: 'cv/1', text: 'yes' }, { signal });
    expect(seen[0]).toMatchObject({ method: 'POST', path: '/conversations/cv%2F1/messages', body: JSON.stringify({ body: 'yes' }) });
  });

  it.each([
    ['messaging switched off', 'NOT_ENABLED', { status: 404, body: { detail: 'Messaging not enabled' } }],
    ['an unknown message', 'NOT_FOUND', { status: 404, body: { detail: 'Message not found' } }],
    ['a refused message', 'INVALID_INPUT', { status: 422, body: { detail: 'Message refused by the messaging provider (NUMBER_INVALID)' } }],
    ['a missing scope', 'FORBIDDEN', { status: 403, body: { detail: 'Insufficient scope: messages:read required' } }],
    ['a wrong key', 'UNAUTHORIZED', { status: 401, body: { detail: 'Invalid or missing API key' } }],
    ['a provider outage', 'UNAVAILABLE', { status: 503, body: { detail: 'Messaging provider unavailable' } }],
    ['an answer that is not a message', 'UNAVAILABLE', { status: 200, body: { hello: 'world' } }],
    ['an answer that is not JSON', 'UNAVAILABLE', { status: 200, raw: '<html>' }],
  ])('maps %s to %s', async (_name, code, answer) => {
    handler = () => answer;
    expect(await codeOf(tools()['get_message_status']!.run({ messageId: 'lm_1' }, { signal }))).toBe(code);
  });

  it('says how to get messaging back when it is switched off', async () => {
    handler = () => ({ status: 404, body: { detail: 'Messaging not enabled' } });
    const error = await tools()['send_message']!.run({ to: '+15557770042', text: 'x' }, { signal }).catch((caught: unknown) => caught as ToolError);
    expect((error as ToolError).message).toContain('enable a messaging plugin');
  });

  it('refuses a malformed number and a blank text before calling the API', async () => {
    expect(await codeOf(tools()['send_message']!.run({ to: 'call me', text: 'x' }, { signal }))).toBe('INVALID_INPUT');
    expect(await codeOf(tools()['reply_to_conversation']!.run({ conversationId: 'cv_1', text: '   ' }, { signal }))).toBe('INVALID_INPUT');
    expect(seen).toEqual([]);
  });

  it('maps a refused connection to UNAVAILABLE', async () => {
    expect(await codeOf(tools('http://127.0.0.1:1')['list_conversations']!.run({}, { signal }))).toBe('UNAVAILABLE');
  });

  it('logs no number and no text for a call', () => {
    const send = tools()['send_message']!;
    expect(send.logFields?.({ to: '+15557770042', text: 'secret words' })).toEqual({ to: '+15557770042', chars: 12 });
  });
});
