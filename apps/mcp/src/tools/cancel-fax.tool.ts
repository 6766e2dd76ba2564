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
  backend: faxJobOutputShape.backend,
  updatedAt: faxJobOutputShape.updatedAt,
};

/**
 * `cancel_fax(jobId)`: cancels an outbound fax that has not finished. A refusal (the fax finished,
 * is being handed to its provider, or the provider cannot or will not cancel) is a `CONFLICT`
 * tool error quoting the API's reason; the job is unchanged then.
 */
export function createCancelFaxTool(deps: { client: FaxbotClient }): ToolDefinition<typeof inputSchema, typeof outputSchema> {
  return {
    name: 'cancel_fax',
    title: 'Cancel fax',
    description:
      'Cancel a fax sent with send_fax that has not finished. A fax still queued is always cancelled; once its provider has it, ' +
      'cancelling depends on the provider and pages already transmitted cannot be recalled. ' +
      'On success the status is "cancelled" (final). A fax that already finished, or whose provider refuses, gives an error with the reason and stays as it was.',
    inputSchema,
    outputSchema,
    annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
    async run({ jobId }, context) {
      try {
        const job = toFaxJobOutput(await deps.client.cancelFax(jobId, { signal: context.signal }));
        return { jobId: job.jobId, status: job.status, final: job.final, backend: job.backend, updatedAt: job.updatedAt };
      } catch (error) {
        throw toolErrorFromApi(error, 'Fax job not found: no job has this jobId');
      }
    },
    logFields: ({ jobId }) => ({ jobId }),
  };
}
