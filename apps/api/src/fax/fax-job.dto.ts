import type { FaxJobRecord } from '@faxbot/db';

/** The job object of the public API (the original's `FaxJobOut`, plus `error_code`). */
export interface FaxJobDto {
  id: string;
  to: string;
  status: string;
  error: string | null;
  error_code: string | null;
  pages: number | null;
  backend: string;
  provider_sid: string | null;
  created_at: string;
  updated_at: string;
}

/** Maps a stored job to its API shape. */
export function toFaxJobDto(job: FaxJobRecord): FaxJobDto {
  return {
    id: job.id,
    to: job.toNumber,
    status: job.status,
    error: job.error,
    error_code: job.errorCode,
    pages: job.pages,
    backend: job.backend,
    provider_sid: job.providerSid,
    created_at: job.createdAt.toISOString(),
    updated_at: job.updatedAt.toISOString(),
  };
}
