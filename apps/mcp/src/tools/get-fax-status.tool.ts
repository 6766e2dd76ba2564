import type { FaxbotClient } from '@faxbot/api-client';
import { toolErrorFromApi } from './api-error.mapper';
import { faxJobOutputShape, toFaxJobOutput } from './fax-job.output';
import { jobIdSchema } from './job-id.schema';
import type { ToolDefinition } from './tool-definition';

const inputSchema = { jobId: jobIdSchema.describe('The jobId send_fax returned') };
const outputSchema = {
  jobId: faxJobOutputShape.jobId,
  status: faxJobOutputShape.status,
  final: faxJobOutputShape.final,
  error: faxJobOutputShape.error,
  errorCode: faxJobOutputShape.errorCode,
  pages: faxJobOutputShape.pages,
  updatedAt: faxJobOutputShape.updatedAt,
};

/** `get_fax_status(jobId)`: the current status of an outbound fax. */
export function createGetFaxStatusTool(deps: { client: FaxbotClient }): ToolDefinition<typeof inputSchema, typeof outputSchema> {
  return {
    name: 'get_fax_status',
    title: 'Get fax status',
    description:
      'Current status of a fax sent with send_fax: queued, in_progress, then SUCCESS, FAILED or cancelled. ' +
      'Poll every few seconds until "final" is true; delivery takes one to several minutes.',
    inputSchema,
    outputSchema,
    annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    async run({ jobId }, context) {
      try {
        const job = toFaxJobOutput(await deps.client.getFax(jobId, { signal: context.signal }));
        return { jobId: job.jobId, status: job.status, final: job.final, error: job.error, errorCode: job.errorCode, pages: job.pages, updatedAt: job.updatedAt };
      } catch (error) {
        throw toolErrorFromApi(error, 'Fax job not found: no job has this jobId');
      }
    },
    logFields: ({ jobId }) => ({ jobId }),
  };
}
