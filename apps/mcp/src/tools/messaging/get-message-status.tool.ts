import * as z from 'zod';
import type { MessagingClient } from '@faxbot/api-client';
import type { ToolDefinition } from '../tool-definition';
import { messageOutputShape, toMessageOutput } from './message.output';
import { toolErrorFromMessagingApi } from './messaging-error.mapper';

const inputSchema = { messageId: z.string().min(1).max(200).describe('The messageId send_message or reply_to_conversation returned') };
const outputSchema = messageOutputShape;

/** `get_message_status(messageId)`: the current status of a message. */
export function createGetMessageStatusTool(deps: { client: MessagingClient }): ToolDefinition<typeof inputSchema, typeof outputSchema> {
  return {
    name: 'get_message_status',
    title: 'Get message status',
    description: 'Current status of a text message: sent, then delivered or failed (final). Poll every few seconds until "final" is true.',
    inputSchema,
    outputSchema,
    annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    async run({ messageId }, context) {
      try {
        return toMessageOutput(await deps.client.getMessage(messageId, { signal: context.signal }));
      } catch (error) {
        throw toolErrorFromMessagingApi(error, 'Message not found: no message has this messageId');
      }
    },
    logFields: ({ messageId }) => ({ messageId }),
    logOutput: (output) => ({ messageId: output.messageId, status: output.status }),
  };
}
