import { createHash, randomBytes } from 'node:crypto';
import type { PluginStorage } from '@faxbot/plugin-sdk';
import type { StoredConversation, StoredMessage } from './stored-message';

const MESSAGES = 'messages/';
const CONVERSATIONS = 'conversations/';

/** `lm_` + the first 24 hex digits of SHA-256 of the idempotency key: one key, one message. */
export function messageIdFor(idempotencyKey: string): string {
  return `lm_${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 24)}`;
}

/**
 * The line's messages and conversations: held in memory, each change written to the instance's
 * (encrypted) storage, read back at start. Conversation ids are random, so an id says nothing
 * about the number behind it.
 */
export class MessageBook {
  private readonly messages = new Map<string, StoredMessage>();
  private readonly conversations = new Map<string, StoredConversation>();

  constructor(private readonly storage: PluginStorage) {}

  async load(): Promise<void> {
    for (const item of await this.storage.list(MESSAGES)) {
      const record = await this.read<StoredMessage>(item.key);
      if (record !== null) this.messages.set(record.id, record);
    }
    for (const item of await this.storage.list(CONVERSATIONS)) {
      const record = await this.read<StoredConversation>(item.key);
      if (record !== null) this.conversations.set(record.id, record);
    }
  }

  message(id: string): StoredMessage | undefined {
    return this.messages.get(id);
  }

  conversation(id: string): StoredConversation | undefined {
    return this.conversations.get(id);
  }

  allMessages(): StoredMessage[] {
    return [...this.messages.values()];
  }

  allConversations(): StoredConversation[] {
    return [...this.conversations.values()];
  }

  /** Messages of one conversation, oldest first. */
  messagesOf(conversationId: string): StoredMessage[] {
    return this.allMessages()
      .filter((message) => message.conversationId === conversationId)
      .sort((a, b) => a.createdAt - b.createdAt); // stable: same-millisecond messages keep their arrival order
  }

  /** The conversation with `peer`, created (and saved) when there is none yet. */
  async conversationWith(peer: string, now: number): Promise<StoredConversation> {
    const existing = this.allConversations().find((conversation) => conversation.peer === peer);
    if (existing !== undefined) return existing;
    const created: StoredConversation = { id: `cv_${randomBytes(12).toString('hex')}`, peer, createdAt: now };
    this.conversations.set(created.id, created);
    await this.write(`${CONVERSATIONS}${created.id}.json`, created);
    return created;
  }

  /**
   * Adds a message unless one with its id exists; returns the message kept. The map is updated
   * before the write, so a concurrent add with the same id finds it and sends nothing twice.
   */
  async add(message: StoredMessage): Promise<StoredMessage> {
    const existing = this.messages.get(message.id);
    if (existing !== undefined) return existing;
    this.messages.set(message.id, message);
    try {
      await this.write(`${MESSAGES}${message.id}.json`, message);
    } catch (error) {
      this.messages.delete(message.id);
      throw error;
    }
    return message;
  }

  /** Saves a changed message. */
  async update(message: StoredMessage): Promise<void> {
    this.messages.set(message.id, message);
    await this.write(`${MESSAGES}${message.id}.json`, message);
  }

  private async write(key: string, value: unknown): Promise<void> {
    await this.storage.put(key, Buffer.from(JSON.stringify(value), 'utf8'), { contentType: 'application/json' });
  }

  private async read<T>(key: string): Promise<T | null> {
    const bytes = await this.storage.get(key);
    if (bytes === null) return null;
    try {
      return JSON.parse(bytes.toString('utf8')) as T;
    } catch {
      return null;
    }
  }
}
