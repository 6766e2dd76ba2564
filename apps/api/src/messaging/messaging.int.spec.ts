import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { startTestGateway, TEST_DATABASES, type TestGateway } from '../testing/test-gateway.test-helpers';

const PEER = '+15557770042';
const ECHO_PEER = '+15557770009';
const TEXT = `confidential note ${randomBytes(4).toString('hex')}`;
const WEBHOOK_SECRET = randomBytes(16).toString('hex');

describe.each(TEST_DATABASES)('messaging API on %s', (database) => {
  let t: TestGateway;
  const api = (): request.Agent => request.agent(t.app).set('X-API-Key', t.apiKey);
  const send = (body: unknown, headers: Record<string, string> = {}): request.Test => api().post('/messages').set(headers).send(body as object);

  beforeAll(async () => {
    t = await startTestGateway(database, { FEATURE_V3_PLUGINS: 'true' });
  });
  afterAll(async () => {
    await t?.close();
  });

  async function waitForMessage(id: string, status: string): Promise<Record<string, unknown>> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const response = await api().get(`/messages/${id}`);
      if (response.body.status === status || Date.now() > deadline) return response.body as Record<string, unknown>;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  describe('with no messaging plugin running', () => {
    it.each([
      ['post', '/messages'],
      ['get', '/messages/lm_000000000000000000000000'],
      ['get', '/conversations'],
      ['post', '/conversations/cv_000000000000000000000000/messages'],
    ] as const)('%s %s answers 404 Messaging not enabled, after the key check', async (method, path) => {
      const anonymous = await request(t.app)[method](path);
      expect(anonymous.status).toBe(401);
      const response = await api()[method](path).send({ to: PEER, body: TEXT });
      expect(response.status).toBe(404);
      expect(response.body).toEqual({ detail: 'Messaging not enabled' });
    });

    it('does not list a messaging capability', async () => {
      const capabilities = await api().get('/plugins/capabilities');
      expect(capabilities.body.items.map((item: { plugin_id: string }) => item.plugin_id)).not.toContain('loopback-messaging');
    });
  });

  describe('with the loopback messaging line enabled', () => {
    beforeAll(async () => {
      const enabled = await api().put('/plugins/loopback-messaging/config').send({ enabled: true, settings: { deliveryDelayMs: 50, webhookSecret: WEBHOOK_SECRET } });
      expect(enabled.status).toBe(200);
    });

    it('lists the line and its capabilities', async () => {
      const capabilities = await api().get('/plugins/capabilities');
      expect(capabilities.body.items).toContainEqual({
        instance_id: 'loopback-messaging',
        plugin_id: 'loopback-messaging',
        categories: ['messaging'],
        capabilities: ['send_message', 'get_message_status', 'list_conversations', 'reply'],
      });
    });

    it('sends a message (202), then reports it delivered', async () => {
      const response = await send({ to: PEER, body: TEXT });
      expect(response.status).toBe(202);
      expect(response.body).toEqual({
        id: expect.stringMatching(/^lm_/),
        conversation_id: expect.stringMatching(/^cv_/),
        direction: 'outbound',
        status: 'sent',
        to: PEER,
        from: null,
        body: TEXT,
        error_code: null,
        error: null,
        backend: 'loopback-messaging',
        created_at: expect.any(String),
        updated_at: expect.any(String),
      });
      expect(await waitForMessage(response.body.id, 'delivered')).toMatchObject({ id: response.body.id, status: 'delivered' });
    });

    it('returns the same message for a repeated Idempotency-Key', async () => {
      const key = randomBytes(8).toString('hex');
      const first = await send({ to: PEER, body: 'once' }, { 'Idempotency-Key': key });
      const second = await send({ to: PEER, body: 'once' }, { 'Idempotency-Key': key });
      expect(second.body.id).toBe(first.body.id);
      const other = await send({ to: PEER, body: 'once' }, { 'Idempotency-Key': `${key}-2` });
      expect(other.body.id).not.toBe(first.body.id);
    });

    it('lists conversations newest first with X-Next-Cursor paging, and replies into one', async () => {
      const sent = await send({ to: ECHO_PEER, body: 'ping' });
      await waitForMessage(sent.body.id, 'delivered');
      const first = await api().get('/conversations').query({ limit: 1 });
      expect(first.status).toBe(200);
      expect(first.body).toEqual([
        expect.objectContaining({ id: sent.body.conversation_id, peer: ECHO_PEER, message_count: 2, last_message: expect.objectContaining({ direction: 'inbound', status: 'received', body: 'echo: ping' }) }),
      ]);
      const cursor = first.headers['x-next-cursor'] as string;
      expect(cursor).toEqual(expect.any(String));
      expect(first.headers['link']).toContain('rel="next"');
      const second = await api().get('/conversations').query({ limit: 100, cursor });
      expect(second.body.map((item: { id: string }) => item.id)).not.toContain(sent.body.conversation_id);
      expect(second.headers['x-next-cursor']).toBeUndefined();

      const reply = await api().post(`/conversations/${sent.body.conversation_id}/messages`).send({ body: 'pong' });
      expect(reply.status).toBe(202);
      expect(reply.body).toMatchObject({ conversation_id: sent.body.conversation_id, direction: 'outbound', to: ECHO_PEER, body: 'pong' });
    });

    it.each([
      ['a body that is not an object', ['x'], 400, 'Body must be a JSON object'],
      ['an unknown field', { to: PEER, body: 'x', cc: PEER }, 400, 'Unknown field(s): cc'],
      ['no to', { body: 'x' }, 422, 'Missing required field(s): to'],
      ['no body', { to: PEER }, 422, 'Missing required field(s): body'],
      ['a malformed number', { to: '555-CALL-NOW', body: 'x' }, 422, "'to' must be E.164 or digits only"],
      ['an empty text', { to: PEER, body: '   ' }, 422, 'body must not be empty'],
      ['a text that is not a string', { to: PEER, body: 7 }, 422, 'body must be a string'],
      ['a text over 1600 characters', { to: PEER, body: 'x'.repeat(1601) }, 422, 'body must be at most 1600 characters'],
      ['a number the provider refuses', { to: '+15550000001', body: 'x' }, 422, 'Message refused by the messaging provider (NUMBER_INVALID)'],
    ])('refuses %s', async (_name, body, status, detail) => {
      const response = await send(body);
      expect(response.status).toBe(status);
      expect(response.body).toEqual({ detail });
    });

    it('refuses malformed JSON and a bad Idempotency-Key with 400', async () => {
      const malformed = await api().post('/messages').set('Content-Type', 'application/json').send('{"to":');
      expect(malformed.status).toBe(400);
      expect(malformed.body.detail).toEqual(expect.any(String));
      const badKey = await send({ to: PEER, body: 'x' }, { 'Idempotency-Key': 'x'.repeat(201) });
      expect(badKey.status).toBe(400);
      expect(badKey.body).toEqual({ detail: 'Idempotency-Key must be 1-200 printable ASCII characters' });
    });

    it.each([
      ['/messages/lm_000000000000000000000000', 'Message not found'],
      ['/messages/not%20an%20id', 'Message not found'],
    ])('answers 404 for GET %s', async (path, detail) => {
      const response = await api().get(path);
      expect(response.status).toBe(404);
      expect(response.body).toEqual({ detail });
    });

    it.each([
      [{ limit: '0' }, 'limit must be an integer from 1 to 100'],
      [{ limit: '101' }, 'limit must be an integer from 1 to 100'],
      [{ limit: 'ten' }, 'limit must be an integer from 1 to 100'],
      [{ cursor: 'no spaces allowed' }, 'Invalid cursor'],
      [{ cursor: Buffer.from('{"u":1}').toString('base64url') }, 'Invalid cursor'],
      ['limit=1&limit=2', 'Query parameter limit must be given once'],
    ])('refuses the conversation query %j with 400', async (query, detail) => {
      const response = await api().get('/conversations').query(query);
      expect(response.status).toBe(400);
      expect(response.body).toEqual({ detail });
    });

    it('answers 404 for a reply to an unknown conversation and 422 for a reply without a body', async () => {
      const unknown = await api().post('/conversations/cv_000000000000000000000000/messages').send({ body: 'x' });
      expect(unknown.status).toBe(404);
      expect(unknown.body).toEqual({ detail: 'Conversation not found' });
      const empty = await api().post('/conversations/cv_000000000000000000000000/messages').send({});
      expect(empty.status).toBe(422);
      expect(empty.body).toEqual({ detail: 'Missing required field(s): body' });
    });

    it('needs messages:send to send and messages:read to read', async () => {
      const create = async (scopes: string[]): Promise<string> => (await api().post('/admin/api-keys').send({ name: 'scoped', scopes })).body.token as string;
      const reader = await create(['messages:read']);
      const faxOnly = await create(['fax:send', 'fax:read']);
      expect((await request(t.app).post('/messages').set('X-API-Key', reader).send({ to: PEER, body: 'x' })).status).toBe(403);
      expect((await request(t.app).get('/conversations').set('X-API-Key', reader)).status).toBe(200);
      const denied = await request(t.app).get('/conversations').set('X-API-Key', faxOnly);
      expect(denied.status).toBe(403);
      expect(denied.body).toEqual({ detail: 'Insufficient scope: messages:read required' });
      expect((await request(t.app).post(`/conversations/cv_000000000000000000000000/messages`).set('X-API-Key', reader).send({ body: 'x' })).status).toBe(403);
    });

    it('audits sends without a number or a text in any log line', async () => {
      const sent = await send({ to: PEER, body: TEXT });
      const logs = t.logs();
      expect(logs).toContain('"event":"message.sent"');
      expect(logs).toContain(sent.body.id);
      expect(logs).not.toContain(PEER.slice(2));
      expect(logs).not.toContain(ECHO_PEER.slice(2));
      expect(logs).not.toContain(TEXT);
    });

    it('answers 404 Messaging not enabled again once the line is disabled', async () => {
      expect((await api().post('/plugins/loopback-messaging/disable')).status).toBe(200);
      const response = await send({ to: PEER, body: 'x' });
      expect(response.status).toBe(404);
      expect(response.body).toEqual({ detail: 'Messaging not enabled' });
    });
  });
});
