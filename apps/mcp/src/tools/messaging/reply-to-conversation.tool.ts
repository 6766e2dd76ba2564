import * as z from 'zod';
import type { MessagingClient } from '@faxbot/api-client';
import type { ToolDefinition } from '../tool-definition';
import { ToolError } from '../tool-error';
import { messageOutputShape, toMessageOutput } from './message.output';
import { toolErrorFromMessagingApi } from './messaging-error.mapper';
import { MAX_MESSAGE_CHARS } from './send-message.tool';

const inputSchema = {
  conversationId: z.string().min(1).max(200).describe('The conversationId from list_conversations or send_message'),
  text: z.string().min(1).max(MAX_MESSAGE_CHARS).describe(`The reply text, 1–${MAX_MESSAGE_CHARS} characters`),
};
const outputSchema = messageOutputShape;

/** `reply_to_conversation(conversationId, text)`: sends a message to a conversation's peer. */
export function createReplyToConversationTool(deps: { client: MessagingClient }): ToolDefinition<typeof inputSchema, typeof outputSchema> {
  return {
    name: 'reply_to_conversation',
    title: 'Reply to a conversation',
    description: 'Send a text message to the other party of a conversation (see list_conversations). Returns the new messageId; poll get_message_status for delivery.',
    inputSchema,
    outputSchema,
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
    async run(input, context) {
      if (input.text.trim() === '') throw new ToolError('INVALID_INPUT', '"text" must not be empty');
      try {
        return toMessageOutput(await deps.client.replyToConversation(input.conversationId, { body: input.text, signal: context.signal }));
      } catch (error) {
        throw toolErrorFromMessagingApi(error, 'Conversation not found: no conversation has this conversationId');
      }
    },
    logFields: (input) => ({ conversationId: input.conversationId, chars: input.text.length }),
    logOutput: (output) => ({ messageId: output.messageId, status: output.status }),
  };
}
