import * as z from 'zod';
import { FINAL_FAX_STATUSES, type FaxJob } from '@faxbot/api-client';

/** The status words of the API, exactly. */
export const faxStatusSchema = z
  .enum(['queued', 'in_progress', 'SUCCESS', 'FAILED', 'cancelled'])
  .describe('queued → in_progress → SUCCESS | FAILED | cancelled (the last three are final)');

/** Structured output describing a fax job (send_fax, get_fax). */
export const faxJobOutputShape = {
  jobId: z.string().describe('Job id; pass it to get_fax_status or get_fax'),
  status: faxStatusSchema,
  final: z.boolean().describe('True once the status can no longer change'),
  to: z.string().describe('Destination as submitted'),
  error: z.string().nullable().describe('Why the last attempt failed, if it did'),
  errorCode: z.string().nullable().describe('Machine-readable reason, e.g. NO_ANSWER, LINE_BUSY'),
  pages: z.number().int().nullable(),
  backend: z.string().describe('Provider instance sending the fax'),
  providerSid: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
};

/** The structured output of a fax job. */
export type FaxJobOutput = z.infer<z.ZodObject<typeof faxJobOutputShape>>;

/** Maps the API's job object to the tools' output. */
export function toFaxJobOutput(job: FaxJob): FaxJobOutput {
  return {
    jobId: job.id,
    status: job.status,
    final: FINAL_FAX_STATUSES.includes(job.status),
    to: job.to,
    error: job.error,
    errorCode: job.error_code,
    pages: job.pages,
    backend: job.backend,
    providerSid: job.provider_sid,
    createdAt: job.created_at,
    updatedAt: job.updated_at,
  };
}
