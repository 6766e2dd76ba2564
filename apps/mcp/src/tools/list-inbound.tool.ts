import * as z from 'zod';
import type { FaxbotClient } from '@faxbot/api-client';
import { toolErrorFromApi } from './api-error.mapper';
import { normaliseFaxNumber } from './fax-number';
import { inboundFaxItemShape, toInboundFaxItem } from './inbound-fax.output';
import type { ToolDefinition } from './tool-definition';

const DEFAULT_LIMIT = 20;

const inputSchema = {
  limit: z.number().int().min(1).max(100).optional().describe(`How many faxes to return, 1–100 (default ${DEFAULT_LIMIT}), newest first`),
  cursor: z.string().min(1).max(1024).optional().describe('nextCursor of the previous page, to continue the list'),
  toNumber: z.string().min(1).max(40).optional().describe('Only faxes received on this number, in E.164 format, e.g. +15550001111'),
  mailbox: z
    .string()
    .regex(/^[a-z0-9._-]{1,64}$/, 'must be a mailbox label: 1–64 lower-case letters, digits, ".", "-" and "_"')
    .optional()
    .describe('Only faxes routed to this mailbox, e.g. front-desk'),
};

const outputSchema = {
  items: z.array(z.object(inboundFaxItemShape)).describe('Received faxes, newest first'),
  nextCursor: z.string().nullable().describe('Pass as cursor to get the next page; null when there are no more'),
};

/** `list_inbound(limit?, cursor?, toNumber?, mailbox?)`: received faxes, newest first. */
export function createListInboundTool(deps: { client: FaxbotClient }): ToolDefinition<typeof inputSchema, typeof outputSchema> {
  return {
    name: 'list_inbound',
    title: 'List received faxes',
    description:
      'List received (inbound) faxes, newest first: caller, receiving number, pages, mailbox and time, without the documents. ' +
      'Filter by receiving number (toNumber) or mailbox; when nextCursor is not null, call again with it as cursor for older faxes. ' +
      'Read a fax with get_inbound_pdf.',
    inputSchema,
    outputSchema,
    annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    async run(input, context) {
      const toNumber = input.toNumber === undefined ? undefined : normaliseFaxNumber(input.toNumber, 'toNumber');
      try {
        const page = await deps.client.listInbound({
          limit: input.limit ?? DEFAULT_LIMIT,
          ...(input.cursor === undefined ? {} : { cursor: input.cursor }),
          ...(toNumber === undefined ? {} : { toNumber }),
          ...(input.mailbox === undefined ? {} : { mailbox: input.mailbox }),
          signal: context.signal,
        });
        return { items: page.items.map(toInboundFaxItem), nextCursor: page.nextCursor };
      } catch (error) {
        throw toolErrorFromApi(error, 'Nothing to list here: the API answered "not found"');
      }
    },
    // The filter number is PHI: only whether one was given is logged.
    logFields: (input) => ({ limit: input.limit ?? DEFAULT_LIMIT, cursor: input.cursor !== undefined, byNumber: input.toNumber !== undefined, byMailbox: input.mailbox !== undefined }),
    logOutput: (output) => ({ count: output.items.length, more: output.nextCursor !== null }),
  };
}
