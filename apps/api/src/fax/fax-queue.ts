/** Name of the queue that carries fax send and status-poll work (payload: `{ jobId }`). */
export const FAX_QUEUE = 'fax.send';

/** Dedupe key so one job never has two live tasks. */
export function faxTaskKey(jobId: string): string {
  return `${FAX_QUEUE}:${jobId}`;
}
