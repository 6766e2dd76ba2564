import * as z from 'zod';
import type { Conversation, Message } from '@faxbot/api-client';

// Statuses that never change again (the API's message status words).
const FINAL_STATUSES = ['delivered', 'failed', 'received'];

/** Structured output describing a message. */
export const messageOutputShape = {
  messageId: z.string().describe('Message id; pass it to get_message_status'),
  conversationId: z.string().describe('The conversation (thread with one number); pass it to reply_to_conversation'),
  direction: z.string().describe('outbound (sent by us) or inbound (sent to us)'),
  status: z.string().describe('queued → sent → delivered | failed for outbound; received for inbound'),
  final: z.boolean().describe('True once the status can no longer change'),
  errorCode: z.string().nullable().describe('Machine-readable reason when failed, e.g. UNDELIVERABLE'),
  error: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
};

/** A message with its text, as list_conversations shows the latest one. */
export const messageWithTextShape = {
  ...messageOutputShape,
  text: z.string().describe('The message text'),
};

/** Structured output describing a conversation. */
export const conversationOutputShape = {
  conversationId: z.string(),
  peer: z.string().describe('The other party, in E.164 format'),
  messageCount: z.number().int(),
  lastMessage: z.object(messageWithTextShape).nullable().describe('The newest message of the conversation'),
  updatedAt: z.string(),
};

/** The structured output of a message. */
export type MessageOutput = z.infer<z.ZodObject<typeof messageOutputShape>>;

/** Maps the API's message to the tools' output (without its text). */
export function toMessageOutput(message: Message): MessageOutput {
  return {
    messageId: message.id,
    conversationId: message.conversation_id,
    direction: message.direction,
    status: message.status,
    final: FINAL_STATUSES.includes(message.status),
    errorCode: message.error_code,
    error: message.error,
    createdAt: message.created_at,
    updatedAt: message.updated_at,
  };
}

/** Maps the API's conversation to the tools' output. */
export function toConversationOutput(conversation: Conversation): z.infer<z.ZodObject<typeof conversationOutputShape>> {
  const last = conversation.last_message;
  return {
    conversationId: conversation.id,
    peer: conversation.peer,
    messageCount: conversation.message_count,
    lastMessage: last === null ? null : { ...toMessageOutput(last), text: last.body },
    updatedAt: conversation.updated_at,
  };
}
