import type { AxiosRequestConfig, AxiosResponse } from 'axios';
import { unexpectedAnswer } from './faxbot-api.error';
import type { RequestOptions } from './faxbot-client';
import type { ConversationPage, ListConversationsQuery, Message } from './message';

/** Input of {@link MessagingClient.sendMessage}. */
export interface SendMessageOptions extends RequestOptions {
  /** Recipient in E.164, e.g. `+15551234567`. */
  to: string;
  /** The text, 1–1600 characters. */
  body: string;
}

/** Input of {@link MessagingClient.replyToConversation}. */
export interface ReplyOptions extends RequestOptions {
  body: string;
}

/** Options of {@link MessagingClient.listConversations}. */
export interface ListConversationsOptions extends ListConversationsQuery, RequestOptions {}

/**
 * The messaging routes of the API. They answer 404 with `NOT_ENABLED` while no messaging plugin
 * runs, so a caller can tell "switched off" from "no such message".
 */
export interface MessagingClient {
  /** `POST /messages` (scope `messages:send`): resolves with the queued message. */
  sendMessage(options: SendMessageOptions): Promise<Message>;
  /** `GET /messages/{id}` (scope `messages:read`). */
  getMessage(id: string, options?: RequestOptions): Promise<Message>;
  /** `GET /conversations` (scope `messages:read`): one page, most recently active first. */
  listConversations(options?: ListConversationsOptions): Promise<ConversationPage>;
  /** `POST /conversations/{id}/messages` (scope `messages:send`): a reply to the conversation's number. */
  replyToConversation(conversationId: string, options: ReplyOptions): Promise<Message>;
}

/** How the client sends one request: rejects with a `FaxbotApiError` for any failure or non-2xx answer. */
export type ApiCall = (request: AxiosRequestConfig) => Promise<AxiosResponse>;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isMessage(value: unknown): value is Message {
  return isObject(value) && typeof value['id'] === 'string' && typeof value['status'] === 'string' && typeof value['conversation_id'] === 'string';
}

function isConversation(value: unknown): boolean {
  return isObject(value) && typeof value['id'] === 'string' && typeof value['message_count'] === 'number' && (value['last_message'] === null || isMessage(value['last_message']));
}

/** The {@link MessagingClient} methods over the fax client's request function, so both share its settings and errors. */
export function createMessagingCalls(call: ApiCall): MessagingClient {
  async function message(request: AxiosRequestConfig): Promise<Message> {
    const response = await call(request);
    if (!isMessage(response.data)) throw unexpectedAnswer(response.status);
    return response.data;
  }

  return {
    sendMessage({ to, body, signal }) {
      return message({ method: 'POST', url: '/messages', data: { to, body }, signal });
    },
    getMessage(id, options = {}) {
      return message({ method: 'GET', url: `/messages/${encodeURIComponent(id)}`, signal: options.signal });
    },
    replyToConversation(conversationId, { body, signal }) {
      return message({ method: 'POST', url: `/conversations/${encodeURIComponent(conversationId)}/messages`, data: { body }, signal });
    },
    async listConversations(options = {}) {
      const params: Record<string, string | number> = {};
      if (options.limit !== undefined) params['limit'] = options.limit;
      if (options.cursor !== undefined && options.cursor !== '') params['cursor'] = options.cursor;
      const response = await call({ method: 'GET', url: '/conversations', params, signal: options.signal });
      const body: unknown = response.data;
      if (!Array.isArray(body) || !body.every(isConversation)) throw unexpectedAnswer(response.status);
      const next: unknown = response.headers['x-next-cursor'];
      return { items: body, nextCursor: typeof next === 'string' && next !== '' ? next : null };
    },
  };
}
