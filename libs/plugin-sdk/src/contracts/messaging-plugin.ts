import type { BackendPlugin } from './outbound-fax-plugin';

/**
 * Status words of a message. Outbound: `queued` → `sent` → `delivered` or `failed`; an inbound
 * message is `received`. `delivered`, `failed` and `received` never change again.
 */
export const MESSAGE_STATUSES = ['queued', 'sent', 'delivered', 'failed', 'received'] as const;

/** One of {@link MESSAGE_STATUSES}. */
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/** Statuses that never change again. */
export const FINAL_MESSAGE_STATUSES: readonly MessageStatus[] = ['delivered', 'failed', 'received'];

/** Whether we sent the message (`outbound`) or the peer did (`inbound`). */
export type MessageDirection = 'outbound' | 'inbound';

/**
 * Capability words a messaging plugin declares in its manifest (`faxbot.capabilities`). The host
 * and the MCP server offer a feature only when the active plugin declares its word.
 */
export const MESSAGING_CAPABILITIES = {
  send: 'send_message',
  status: 'get_message_status',
  listConversations: 'list_conversations',
  reply: 'reply',
} as const;

/** A message (SMS, chat, ...) as a messaging plugin reports it. */
export interface Message {
  /** The plugin's id for the message: stable, unique within the instance, no PHI. */
  id: string;
  /** The conversation (thread with one peer) the message belongs to; no PHI. */
  conversationId: string;
  direction: MessageDirection;
  status: MessageStatus;
  /** Recipient in E.164 form, or null when it is our own line and the provider does not name it. PHI: never log it unmasked. */
  to: string | null;
  /** Sender in E.164 form, or null when it is our own line and the provider does not name it. PHI. */
  from: string | null;
  /** The message text. PHI: never log it. */
  text: string;
  /** Machine-readable reason, present with `failed`. */
  errorCode?: string;
  /** Human-readable reason without PHI, present with `failed`. */
  error?: string;
  createdAt: Date;
  /** When the status last changed. */
  updatedAt: Date;
}

/** What the host passes to {@link MessagingPlugin.sendMessage}. */
export interface SendMessageOptions {
  /** Recipient in E.164 (`+15551234567`) form. PHI. */
  to: string;
  /** The text to send. PHI. */
  text: string;
  /** A send with a key already used must return the earlier message and send nothing. */
  idempotencyKey: string;
  signal?: AbortSignal;
}

/** What the host passes to {@link MessagingPlugin.replyToConversation}. */
export interface ReplyOptions {
  conversationId: string;
  /** The text to send to the conversation's peer. PHI. */
  text: string;
  /** As for {@link SendMessageOptions.idempotencyKey}. */
  idempotencyKey: string;
  signal?: AbortSignal;
}

/** A thread of messages with one peer. */
export interface Conversation {
  id: string;
  /** The other party's number in E.164 form. PHI. */
  peer: string;
  messageCount: number;
  /** The newest message, or null for an empty conversation. */
  lastMessage: Message | null;
  /** When the newest message was created. */
  updatedAt: Date;
}

/** What the host passes to {@link MessagingPlugin.listConversations}. */
export interface ListConversationsOptions {
  /** Most conversations to return (1-100). */
  limit: number;
  /** A `nextCursor` this plugin handed out earlier; absent for the first page. */
  cursor?: string;
}

/** One page of conversations, most recently active first. */
export interface ConversationPage {
  items: Conversation[];
  /** Opaque; present when there are more conversations. */
  nextCursor?: string;
}

/**
 * A plugin that sends and receives messages (manifest category `messaging`, capabilities
 * `send_message` and `get_message_status`, optionally `list_conversations` and `reply`). The
 * plugin keeps its messages; the host only routes requests to it, so ids are the plugin's own.
 *
 * Errors: throw {@link FaxbotError}; `NUMBER_INVALID` or `PROVIDER_REJECTED` for a message the
 * provider refuses, `PROVIDER_UNAVAILABLE` when it cannot be reached. Messages are PHI: never
 * put a number or text into an error message or a log line.
 *
 * @example
 * export function createPlugin(): MessagingPlugin<MyConfig> {
 *   return new MySmsPlugin();
 * }
 */
export interface MessagingPlugin<TConfig = Record<string, unknown>> extends BackendPlugin<TConfig> {
  sendMessage(options: SendMessageOptions): Promise<Message>;
  /** The message with its current status, or null when the id is unknown. */
  getMessage(messageId: string): Promise<Message | null>;
  listConversations?(options: ListConversationsOptions): Promise<ConversationPage>;
  /** Sends a message to the conversation's peer; null when the conversation is unknown. */
  replyToConversation?(options: ReplyOptions): Promise<Message | null>;
}

/**
 * True when a started plugin implements the messaging contract.
 *
 * @example
 * if (isMessagingPlugin(plugin)) await plugin.sendMessage({ to, text, idempotencyKey });
 */
export function isMessagingPlugin(plugin: BackendPlugin): plugin is MessagingPlugin {
  const candidate = plugin as Partial<MessagingPlugin>;
  return typeof candidate.sendMessage === 'function' && typeof candidate.getMessage === 'function';
}
