import * as z from 'zod';
import type { MessagingClient } from '@faxbot/api-client';
import type { ToolDefinition } from '../tool-definition';
import { conversationOutputShape, toConversationOutput } from './message.output';
import { toolErrorFromMessagingApi } from './messaging-error.mapper';

const DEFAULT_LIMIT = 20;

const inputSchema = {
  limit: z.number().int().min(1).max(100).optional().describe(`How many conversations to return, 1–100 (default ${DEFAULT_LIMIT}), most recent first`),
  cursor: z.string().min(1).max(512).optional().describe('nextCursor of the previous page, to continue the list'),
};
const outputSchema = {
  items: z.array(z.object(conversationOutputShape)).describe('Conversations, most recently active first, each with its newest message'),
  nextCursor: z.string().nullable().describe('Pass as cursor to get the next page; null when there are no more'),
};

/** `list_conversations(limit?, cursor?)`: message threads, most recent first. */
export function createListConversationsTool(deps: { client: MessagingClient }): ToolDefinition<typeof inputSchema, typeof outputSchema> {
  return {
    name: 'list_conversations',
    title: 'List message conversations',
    description:
      'List text-message conversations (one per phone number), most recently active first, each with its newest message and its text. ' +
      'Answer one with reply_to_conversation; when nextCursor is not null, call again with it as cursor for older ones.',
    inputSchema,
    outputSchema,
    annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    async run(input, context) {
      try {
        const page = await deps.client.listConversations({ limit: input.limit ?? DEFAULT_LIMIT, cursor: input.cursor, signal: context.signal });
        return { items: page.items.map(toConversationOutput), nextCursor: page.nextCursor };
      } catch (error) {
        throw toolErrorFromMessagingApi(error, 'Nothing to list here: the API answered "not found"');
      }
    },
    logFields: (input) => ({ limit: input.limit ?? DEFAULT_LIMIT, cursor: input.cursor !== undefined }),
    logOutput: (output) => ({ count: output.items.length, more: output.nextCursor !== null }),
  };
}
