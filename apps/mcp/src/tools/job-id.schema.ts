import * as z from 'zod';

/** A job id as the API issues them (32 hex characters); a looser pattern keeps older ids valid. */
export const jobIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,128}$/, 'must be a job id as returned by send_fax (letters, digits, "-" and "_")');
