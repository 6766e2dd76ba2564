import type { Conversation, Message } from '@faxbot/plugin-sdk';

/** A message in the public API (docs/api-reference.md, "The message object"). */
export interface MessageDto {
  id: string;
  conversation_id: string;
  direction: string;
  status: string;
  to: string | null;
  from: string | null;
  body: string;
  error_code: string | null;
  error: string | null;
  /** The messaging instance that holds the message. */
  backend: string;
  created_at: string;
  updated_at: string;
}

/** A conversation in the public API. */
export interface ConversationDto {
  id: string;
  peer: string;
  message_count: number;
  last_message: MessageDto | null;
  updated_at: string;
  backend: string;
}

// A plugin's answer is checked where it enters the API: a Date that is not one is shown as the
// epoch rather than crashing the answer.
function iso(value: Date): string {
  return value instanceof Date && !Number.isNaN(value.getTime()) ? value.toISOString() : new Date(0).toISOString();
}

/** Maps a plugin's message to its API shape. */
export function toMessageDto(message: Message, backend: string): MessageDto {
  return {
    id: message.id,
    conversation_id: message.conversationId,
    direction: message.direction,
    status: message.status,
    to: message.to,
    from: message.from,
    body: message.text,
    error_code: message.errorCode ?? null,
    error: message.error ?? null,
    backend,
    created_at: iso(message.createdAt),
    updated_at: iso(message.updatedAt),
  };
}

/** Maps a plugin's conversation to its API shape. */
export function toConversationDto(conversation: Conversation, backend: string): ConversationDto {
  return {
    id: conversation.id,
    peer: conversation.peer,
    message_count: conversation.messageCount,
    last_message: conversation.lastMessage === null ? null : toMessageDto(conversation.lastMessage, backend),
    updated_at: iso(conversation.updatedAt),
    backend,
  };
}
