import { randomBytes } from 'node:crypto';
import {
  FaxbotError,
  type ConfigValidationResult,
  type Conversation,
  type ConversationPage,
  type ListConversationsOptions,
  type Message,
  type MessagingPlugin,
  type PluginDeps,
  type ReplyOptions,
  type SendMessageOptions,
  type WebhookRequest,
  type WebhookResult,
} from '@faxbot/plugin-sdk';
import { checkLoopbackMessagingConfig } from './check-loopback-messaging-config';
import { decodeConversationCursor, encodeConversationCursor } from './conversation-cursor';
import { DEFAULT_LOOPBACK_MESSAGING_CONFIG, type LoopbackMessagingConfig } from './loopback-messaging-config';
import { MessageBook, messageIdFor } from './message-book';
import { messageView } from './message-view';
import { peerBehaviour } from './peer-behaviour';
import type { StoredMessage } from './stored-message';
import { readTestWebhook } from './test-webhook';

const MAX_PAGE = 100;

/**
 * A local test line for messages: a send is "delivered" after `deliveryDelayMs`, test numbers
 * simulate failures and an echoing peer, and a webhook lets tests set a status or inject an
 * incoming message. Messages live in the instance's encrypted storage and survive a restart.
 */
export class LoopbackMessagingPlugin implements MessagingPlugin<LoopbackMessagingConfig> {
  private config: LoopbackMessagingConfig = { ...DEFAULT_LOOPBACK_MESSAGING_CONFIG };
  private book: MessageBook | null = null;
  private deps: PluginDeps | null = null;

  async validateConfig(config: LoopbackMessagingConfig): Promise<ConfigValidationResult> {
    return checkLoopbackMessagingConfig({ ...DEFAULT_LOOPBACK_MESSAGING_CONFIG, ...config });
  }

  async start(config: LoopbackMessagingConfig, deps: PluginDeps): Promise<void> {
    this.config = { ...DEFAULT_LOOPBACK_MESSAGING_CONFIG, ...config };
    const book = new MessageBook(deps.storage);
    await book.load();
    this.book = book;
    this.deps = deps;
    deps.logger.info('loopback messaging line ready', { messages: book.allMessages().length, webhooks: this.config.webhookSecret !== '' });
  }

  async stop(): Promise<void> {
    this.book = null;
  }

  async health(): Promise<{ status: 'ok' | 'down'; detail?: string }> {
    return this.book === null ? { status: 'down', detail: 'not started' } : { status: 'ok' };
  }

  async sendMessage(options: SendMessageOptions): Promise<Message> {
    const book = this.started();
    const behaviour = peerBehaviour(options.to);
    if (behaviour === 'rejected') throw new FaxbotError('NUMBER_INVALID', 'loopback: the test number refuses messages');
    const id = messageIdFor(options.idempotencyKey);
    const already = book.message(id);
    if (already !== undefined) return this.view(already);
    const now = Date.now();
    const conversation = await book.conversationWith(options.to, now);
    const kept = await book.add({ id, conversationId: conversation.id, direction: 'outbound', peer: options.to, text: options.text, createdAt: now, behaviour });
    this.deps?.logger.info('message accepted', { messageId: kept.id, conversationId: kept.conversationId, behaviour });
    // The answer describes the message as accepted, however long the write took.
    return messageView(kept, now, this.config.deliveryDelayMs);
  }

  async getMessage(messageId: string): Promise<Message | null> {
    const book = this.started();
    await this.settle(book);
    const record = book.message(messageId);
    return record === undefined ? null : this.view(record);
  }

  async listConversations(options: ListConversationsOptions): Promise<ConversationPage> {
    const book = this.started();
    await this.settle(book);
    const limit = Math.min(Math.max(1, Math.trunc(options.limit)), MAX_PAGE);
    const after = options.cursor === undefined ? null : decodeConversationCursor(options.cursor);
    const all = book
      .allConversations()
      .map((conversation) => this.conversationView(book, conversation.id))
      .sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime() || a.id.localeCompare(b.id));
    const rest = after === null ? all : all.filter((item) => item.updatedAt.getTime() < after.updatedAt || (item.updatedAt.getTime() === after.updatedAt && item.id.localeCompare(after.id) > 0));
    const items = rest.slice(0, limit);
    const last = items.at(-1);
    return rest.length > limit && last !== undefined ? { items, nextCursor: encodeConversationCursor({ updatedAt: last.updatedAt.getTime(), id: last.id }) } : { items };
  }

  async replyToConversation(options: ReplyOptions): Promise<Message | null> {
    const conversation = this.started().conversation(options.conversationId);
    if (conversation === undefined) return null;
    return this.sendMessage({ to: conversation.peer, text: options.text, idempotencyKey: options.idempotencyKey });
  }

  async handleWebhook(request: WebhookRequest): Promise<WebhookResult> {
    const book = this.started();
    const call = readTestWebhook(request, this.config.webhookSecret);
    if (call.kind === 'refused') return { response: { status: call.status, body: { detail: call.detail } } };
    if (call.kind === 'inbound') {
      const now = Date.now();
      const conversation = await book.conversationWith(call.from, now);
      const id = `lm_${randomBytes(12).toString('hex')}`;
      await book.add({ id, conversationId: conversation.id, direction: 'inbound', peer: call.from, text: call.text, createdAt: now });
      return { response: { status: 200, body: { message_id: id, conversation_id: conversation.id } } };
    }
    const record = book.message(call.messageId);
    if (record === undefined || record.direction !== 'outbound') return { response: { status: 404, body: { detail: 'unknown message' } } };
    const current = this.view(record);
    if (current.status === 'delivered' || current.status === 'failed') return { response: { status: 409, body: { detail: `message is already ${current.status}` } } };
    await book.update({ ...record, forced: { status: call.status, at: Date.now(), ...(call.errorCode === undefined ? {} : { errorCode: call.errorCode }) } });
    return { response: { status: 200, body: { message_id: record.id, status: call.status } } };
  }

  private started(): MessageBook {
    if (this.book === null) throw new FaxbotError('PROVIDER_UNAVAILABLE', 'loopback messaging line is not started', { retryable: true });
    return this.book;
  }

  private view(record: StoredMessage): Message {
    return messageView(record, Date.now(), this.config.deliveryDelayMs);
  }

  private conversationView(book: MessageBook, conversationId: string): Conversation {
    const conversation = book.conversation(conversationId);
    if (conversation === undefined) throw new FaxbotError('INTERNAL', 'loopback: conversation vanished');
    const messages = book.messagesOf(conversationId);
    const last = messages.at(-1);
    return {
      id: conversation.id,
      peer: conversation.peer,
      messageCount: messages.length,
      lastMessage: last === undefined ? null : this.view(last),
      updatedAt: new Date(last?.createdAt ?? conversation.createdAt),
    };
  }

  // The echoing peer answers once its message is delivered; the answer is written when someone
  // next looks, dated when the delivery happened, so it does not depend on a timer.
  private async settle(book: MessageBook): Promise<void> {
    const now = Date.now();
    for (const record of book.allMessages()) {
      if (record.direction !== 'outbound' || record.behaviour !== 'echo' || this.view(record).status !== 'delivered') continue;
      const id = messageIdFor(`echo:${record.id}`);
      if (book.message(id) !== undefined) continue;
      const at = Math.min(now, record.forced?.at ?? record.createdAt + this.config.deliveryDelayMs);
      await book.add({ id, conversationId: record.conversationId, direction: 'inbound', peer: record.peer, text: `echo: ${record.text}`, createdAt: at, answers: record.id });
    }
  }
}
