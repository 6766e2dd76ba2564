import { randomBytes } from 'node:crypto';
import { createFaxbotClient } from './faxbot-client';
import { failure, startFakeApi, type FakeAnswer, type FakeApi } from './fake-api.test-helpers';

const MESSAGE = {
  id: 'lm_1',
  conversation_id: 'cv_1',
  direction: 'outbound',
  status: 'queued',
  to: '+15557770042',
  from: null,
  body: 'hello',
  error_code: null,
  error: null,
  backend: 'loopback-messaging',
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:00.000Z',
};
const CONVERSATION = { id: 'cv_1', peer: '+15557770042', message_count: 1, last_message: MESSAGE, updated_at: MESSAGE.updated_at, backend: 'loopback-messaging' };
const API_KEY = randomBytes(16).toString('hex');

describe('createFaxbotClient: messaging', () => {
  let api: FakeApi;
  let reply: FakeAnswer;

  beforeAll(async () => {
    api = await startFakeApi(() => reply);
  });
  afterAll(() => api.close());
  beforeEach(() => {
    api.requests.length = 0;
    reply = { status: 202, body: MESSAGE };
  });
  const client = (): ReturnType<typeof createFaxbotClient> => createFaxbotClient({ baseUrl: api.url, apiKey: API_KEY });

  it('sends a message as JSON {to, body} with the key', async () => {
    await expect(client().sendMessage({ to: '+15557770042', body: 'hello' })).resolves.toEqual(MESSAGE);
    const [request] = api.requests;
    expect(request).toMatchObject({ method: 'POST', url: '/messages' });
    expect(request!.headers['x-api-key']).toBe(API_KEY);
    expect(request!.headers['content-type']).toContain('application/json');
    expect(JSON.parse(request!.body.toString('utf8'))).toEqual({ to: '+15557770042', body: 'hello' });
  });

  it('reads a message and replies to a conversation, escaping the ids', async () => {
    await client().getMessage('../admin');
    await client().replyToConversation('cv/1', { body: 'yes' });
    expect(api.requests.map((request) => `${request.method} ${request.url}`)).toEqual(['GET /messages/..%2Fadmin', 'POST /conversations/cv%2F1/messages']);
    expect(JSON.parse(api.requests[1]!.body.toString('utf8'))).toEqual({ body: 'yes' });
  });

  it('lists conversations with limit and cursor, and the next cursor from X-Next-Cursor', async () => {
    reply = { status: 200, body: [CONVERSATION], headers: { 'x-next-cursor': 'abc' } };
    await expect(client().listConversations({ limit: 5, cursor: 'prev' })).resolves.toEqual({ items: [CONVERSATION], nextCursor: 'abc' });
    expect(api.requests[0]!.url).toBe('/conversations?limit=5&cursor=prev');
    reply = { status: 200, body: [] };
    await expect(client().listConversations()).resolves.toEqual({ items: [], nextCursor: null });
    expect(api.requests[1]!.url).toBe('/conversations');
  });

  it.each<[string, FakeAnswer, string]>([
    ['messaging switched off', { status: 404, body: { detail: 'Messaging not enabled' } }, 'NOT_ENABLED'],
    ['an unknown message', { status: 404, body: { detail: 'Message not found' } }, 'NOT_FOUND'],
    ['a refused message', { status: 422, body: { detail: 'Message refused by the messaging provider (NUMBER_INVALID)' } }, 'INVALID_INPUT'],
    ['an answer that is not a message', { status: 200, body: { hello: 'world' } }, 'UNAVAILABLE'],
    ['an answer that is not JSON', { status: 200, raw: '<html>' }, 'UNAVAILABLE'],
  ])('fails getMessage on %s with %s', async (_label, answer, code) => {
    reply = answer;
    expect((await failure(client().getMessage('lm_1'))).code).toBe(code);
  });

  it.each<[string, FakeAnswer]>([
    ['an object instead of an array', { status: 200, body: { items: [CONVERSATION] } }],
    ['a conversation whose last message is not one', { status: 200, body: [{ ...CONVERSATION, last_message: { id: 'x' } }] }],
  ])('refuses a conversation list that is %s as UNAVAILABLE', async (_label, answer) => {
    reply = answer;
    expect((await failure(client().listConversations())).code).toBe('UNAVAILABLE');
  });

  it('fails with NETWORK when the API cannot be reached, without the text in the error', async () => {
    const error = await failure(createFaxbotClient({ baseUrl: 'http://127.0.0.1:1', timeoutMs: 2_000 }).sendMessage({ to: '+15557770042', body: 'private words' }));
    expect(error.code).toBe('NETWORK');
    expect(`${error.message} ${error.detail}`).not.toMatch(/private words|5557770042/);
  });
});
