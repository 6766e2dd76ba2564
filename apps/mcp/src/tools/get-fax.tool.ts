import type { FaxbotClient } from '@faxbot/api-client';
import { toolErrorFromApi } from './api-error.mapper';
import { faxJobOutputShape, toFaxJobOutput } from './fax-job.output';
import { jobIdSchema } from './job-id.schema';
import type { ToolDefinition } from './tool-definition';

const inputSchema = { id: jobIdSchema.describe('A fax job id (the jobId send_fax returned)') };

/** `get_fax(id)`: every field of an outbound fax job. Inbound faxes come with the inbound API. */
export function createGetFaxTool(deps: { client: FaxbotClient }): ToolDefinition<typeof inputSchema, typeof faxJobOutputShape> {
  return {
    name: 'get_fax',
    title: 'Get fax',
    description: 'All details of a sent fax: destination, status, error, page count, provider and timestamps.',
    inputSchema,
    outputSchema: faxJobOutputShape,
    annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    async run({ id }, context) {
      try {
        return toFaxJobOutput(await deps.client.getFax(id, { signal: context.signal }));
      } catch (error) {
        throw toolErrorFromApi(error, 'Fax not found: no fax has this id');
      }
    },
    logFields: ({ id }) => ({ jobId: id }),
  };
}
