import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { FaxbotError, isMessagingPlugin, type Message } from '@faxbot/plugin-sdk';
import { createTestDeps, createTestWebhookRequest, type TestDeps } from '@faxbot/plugin-sdk/testing';
import { createPlugin } from './index';
import type { LoopbackMessagingConfig } from './loopback-messaging-config';
import type { LoopbackMessagingPlugin } from './loopback-messaging.plugin';

const DELAY = 150;
const SECRET = randomBytes(16).toString('hex');
const PEER = '+15557770042';
const key = (): string => randomBytes(8).toString('hex');

async function started(config: Partial<LoopbackMessagingConfig> = {}, deps: TestDeps = createTestDeps({ pluginId: 'loopback-messaging' })): Promise<{ plugin: LoopbackMessagingPlugin; deps: TestDeps }> {
  const plugin = createPlugin();
  await plugin.start({ deliveryDelayMs: DELAY, webhookSecret: SECRET, ...config }, deps);
  return { plugin, deps };
}

async function waitForStatus(plugin: LoopbackMessagingPlugin, id: string, status: Message['status']): Promise<Message> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const message = await plugin.getMessage(id);
    if (message?.status === status || Date.now() > deadline) return message as Message;
    await sleep(20);
  }
}

const hook = (path: string, body: unknown, secret = SECRET) =>
  createTestWebhookRequest({ path, body: body as Record<string, unknown>, headers: { 'X-Loopback-Secret': secret }, instanceId: 'loopback-messaging' });

describe('loopback messaging line', () => {
  it('implements the SDK messaging contract', () => {
    expect(isMessagingPlugin(createPlugin())).toBe(true);
  });

  it('accepts a message as sent, then reports it delivered after the delay', async () => {
    const { plugin } = await started();
    const sent = await plugin.sendMessage({ to: PEER, text: 'Hello', idempotencyKey: key() });
    expect(sent).toEqual(expect.objectContaining({ direction: 'outbound', status: 'sent', to: PEER, from: null, text: 'Hello' }));
    expect(sent.id).toMatch(/^lm_[a-f0-9]{24}$/);
    expect(sent.conversationId).toMatch(/^cv_[a-f0-9]{24}$/);
    const delivered = await waitForStatus(plugin, sent.id, 'delivered');
    expect(delivered.status).toBe('delivered');
    expect(delivered.updatedAt.getTime()).toBeGreaterThanOrEqual(sent.createdAt.getTime() + DELAY);
  });

  it('sends nothing twice for one idempotency key', async () => {
    const { plugin } = await started();
    const idempotencyKey = key();
    const [first, second] = await Promise.all([
      plugin.sendMessage({ to: PEER, text: 'Once', idempotencyKey }),
      plugin.sendMessage({ to: PEER, text: 'Once', idempotencyKey }),
    ]);
    expect(second.id).toBe(first.id);
    const page = await plugin.listConversations({ limit: 10 });
    expect(page.items[0]?.messageCount).toBe(1);
  });

  it('refuses a 0001 number with NUMBER_INVALID and keeps nothing', async () => {
    const { plugin } = await started();
    const error = await plugin.sendMessage({ to: '+15550000001', text: 'x', idempotencyKey: key() }).catch((caught: unknown) => caught);
    expect(FaxbotError.is(error) && error.code).toBe('NUMBER_INVALID');
    expect((await plugin.listConversations({ limit: 10 })).items).toEqual([]);
  });

  it('fails a message to a 0004 number with UNDELIVERABLE', async () => {
    const { plugin } = await started();
    const sent = await plugin.sendMessage({ to: '+15550000004', text: 'x', idempotencyKey: key() });
    expect(await waitForStatus(plugin, sent.id, 'failed')).toEqual(expect.objectContaining({ status: 'failed', errorCode: 'UNDELIVERABLE' }));
  });

  it('lets a 0009 peer echo a delivered message into the conversation', async () => {
    const { plugin } = await started();
    const sent = await plugin.sendMessage({ to: '+15550000009', text: 'ping', idempotencyKey: key() });
    await waitForStatus(plugin, sent.id, 'delivered');
    const [conversation] = (await plugin.listConversations({ limit: 10 })).items;
    expect(conversation).toEqual(expect.objectContaining({ id: sent.conversationId, peer: '+15550000009', messageCount: 2 }));
    expect(conversation?.lastMessage).toEqual(expect.objectContaining({ direction: 'inbound', status: 'received', from: '+15550000009', text: 'echo: ping' }));
  });

  it('replies into a conversation, to its peer, and answers null for an unknown one', async () => {
    const { plugin } = await started();
    const sent = await plugin.sendMessage({ to: PEER, text: 'first', idempotencyKey: key() });
    const reply = await plugin.replyToConversation({ conversationId: sent.conversationId, text: 'second', idempotencyKey: key() });
    expect(reply).toEqual(expect.objectContaining({ conversationId: sent.conversationId, to: PEER, text: 'second' }));
    expect(await plugin.replyToConversation({ conversationId: 'cv_000000000000000000000000', text: 'x', idempotencyKey: key() })).toBeNull();
    expect(await plugin.getMessage('lm_000000000000000000000000')).toBeNull();
  });

  it('pages conversations, most recent first, with a cursor', async () => {
    const { plugin } = await started();
    const ids: string[] = [];
    for (const suffix of ['11', '12', '13']) {
      ids.push((await plugin.sendMessage({ to: `+155500000${suffix}`, text: 'x', idempotencyKey: key() })).conversationId);
      await sleep(5);
    }
    const first = await plugin.listConversations({ limit: 2 });
    expect(first.items.map((item) => item.id)).toEqual([ids[2], ids[1]]);
    const second = await plugin.listConversations({ limit: 2, cursor: first.nextCursor as string });
    expect(second).toEqual({ items: [expect.objectContaining({ id: ids[0] })] });
    await expect(plugin.listConversations({ limit: 2, cursor: 'not-a-cursor' })).rejects.toMatchObject({ code: 'NOT_SUPPORTED' });
  });

  it('keeps its messages across a restart', async () => {
    const deps = createTestDeps({ pluginId: 'loopback-messaging' });
    const { plugin } = await started({}, deps);
    const sent = await plugin.sendMessage({ to: PEER, text: 'kept', idempotencyKey: key() });
    await plugin.stop();
    const again = await started({}, deps);
    expect(await again.plugin.getMessage(sent.id)).toEqual(expect.objectContaining({ id: sent.id, text: 'kept' }));
  });

  it('refuses calls before start with a retryable PROVIDER_UNAVAILABLE', async () => {
    await expect(createPlugin().getMessage('lm_x')).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: true });
  });

  describe('test webhooks', () => {
    it('sets the status of a message still in flight, once', async () => {
      const { plugin } = await started({ deliveryDelayMs: 60_000 });
      const sent = await plugin.sendMessage({ to: PEER, text: 'x', idempotencyKey: key() });
      const result = await plugin.handleWebhook(hook('status', { message_id: sent.id, status: 'failed', error_code: 'CARRIER_BLOCKED' }));
      expect(result.response.status).toBe(200);
      expect(await plugin.getMessage(sent.id)).toEqual(expect.objectContaining({ status: 'failed', errorCode: 'CARRIER_BLOCKED' }));
      expect((await plugin.handleWebhook(hook('status', { message_id: sent.id, status: 'delivered' }))).response.status).toBe(409);
    });

    it('delivers an incoming message into the peer conversation', async () => {
      const { plugin } = await started();
      const sent = await plugin.sendMessage({ to: PEER, text: 'question', idempotencyKey: key() });
      const result = await plugin.handleWebhook(hook('inbound', { from: PEER, text: 'answer' }));
      expect(result.response).toEqual({ status: 200, body: { message_id: expect.stringMatching(/^lm_/), conversation_id: sent.conversationId } });
      const [conversation] = (await plugin.listConversations({ limit: 1 })).items;
      expect(conversation?.lastMessage).toEqual(expect.objectContaining({ direction: 'inbound', status: 'received', text: 'answer' }));
    });

    it.each([
      ['no secret configured', { webhookSecret: '' }, hook('status', { message_id: 'lm_x', status: 'delivered' }), 404],
      ['an unknown path', {}, hook('other', {}), 404],
      ['a wrong secret', {}, hook('status', { message_id: 'lm_x', status: 'delivered' }, randomBytes(16).toString('hex')), 401],
      ['a GET', {}, createTestWebhookRequest({ method: 'GET', path: 'status', headers: { 'X-Loopback-Secret': SECRET } }), 405],
      ['a body that is not JSON', {}, createTestWebhookRequest({ path: 'status', body: 'nope', headers: { 'X-Loopback-Secret': SECRET } }), 400],
      ['an unknown status word', {}, hook('status', { message_id: 'lm_x', status: 'read' }), 400],
      ['a lower-case error code', {}, hook('status', { message_id: 'lm_x', status: 'failed', error_code: 'oops' }), 400],
      ['an unknown message', {}, hook('status', { message_id: 'lm_000000000000000000000000', status: 'delivered' }), 404],
      ['an inbound without a number', {}, hook('inbound', { from: 'someone', text: 'x' }), 400],
      ['an empty inbound text', {}, hook('inbound', { from: PEER, text: ' ' }), 400],
    ])('refuses %s', async (_name, config, request, status) => {
      const { plugin } = await started(config);
      expect((await plugin.handleWebhook(request)).response.status).toBe(status);
    });
  });

  it('refuses a short webhook secret and a negative delay', async () => {
    const plugin = createPlugin();
    expect(await plugin.validateConfig({ deliveryDelayMs: 0, webhookSecret: 'short' })).toEqual({ ok: false, errors: [expect.stringContaining('webhookSecret')] });
    expect(await plugin.validateConfig({ deliveryDelayMs: -5, webhookSecret: '' })).toEqual({ ok: false, errors: [expect.stringContaining('deliveryDelayMs')] });
    expect(await plugin.validateConfig({ deliveryDelayMs: 0, webhookSecret: '' })).toEqual({ ok: true });
  });

  it('never logs a number or a text', async () => {
    const { plugin, deps } = await started();
    const sent = await plugin.sendMessage({ to: PEER, text: 'secret words', idempotencyKey: key() });
    await plugin.handleWebhook(hook('inbound', { from: PEER, text: 'more secret words' }));
    await plugin.getMessage(sent.id);
    const logged = JSON.stringify(deps.logLines);
    expect(logged).toContain(sent.id);
    expect(logged).not.toContain(PEER.slice(2));
    expect(logged).not.toContain('secret words');
  });
});
