import * as z from 'zod';
import type { MessagingClient } from '@faxbot/api-client';
import { normaliseFaxNumber } from '../fax-number';
import type { ToolDefinition } from '../tool-definition';
import { ToolError } from '../tool-error';
import { messageOutputShape, toMessageOutput } from './message.output';
import { toolErrorFromMessagingApi } from './messaging-error.mapper';

/** Longest text the API accepts. */
export const MAX_MESSAGE_CHARS = 1600;

const inputSchema = {
  to: z.string().min(1).max(40).describe('Recipient phone number in E.164 format, e.g. +15551234567'),
  text: z.string().min(1).max(MAX_MESSAGE_CHARS).describe(`The message text, 1–${MAX_MESSAGE_CHARS} characters`),
};
const outputSchema = messageOutputShape;

/** `send_message(to, text)`: sends a text message through the API's messaging plugin. */
export function createSendMessageTool(deps: { client: MessagingClient }): ToolDefinition<typeof inputSchema, typeof outputSchema> {
  return {
    name: 'send_message',
    title: 'Send a text message',
    description:
      'Send a text message (e.g. SMS) to a phone number through the messaging provider Faxbot has enabled. ' +
      'Returns a messageId right away; poll get_message_status until "final" is true. Replies arrive in the conversation (list_conversations).',
    inputSchema,
    outputSchema,
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
    async run(input, context) {
      const to = normaliseFaxNumber(input.to, 'to');
      if (input.text.trim() === '') throw new ToolError('INVALID_INPUT', '"text" must not be empty');
      try {
        return toMessageOutput(await deps.client.sendMessage({ to, body: input.text, signal: context.signal }));
      } catch (error) {
        throw toolErrorFromMessagingApi(error, 'Not found');
      }
    },
    logFields: (input) => ({ to: input.to, chars: input.text.length }),
    logOutput: (output) => ({ messageId: output.messageId, status: output.status }),
  };
}
