import type { WorkerConfig } from '../config/app-config';

/**
 * Delay before retry number `attempt` (1 = the first retry): exponential from the base delay,
 * capped, with jitter in [50 %, 100 %] so many failed jobs do not retry in lockstep.
 */
export function retryDelayMs(attempt: number, policy: Pick<WorkerConfig, 'retryBaseMs' | 'retryMaxMs'>, random = Math.random): number {
  const exponential = policy.retryBaseMs * 2 ** Math.max(0, attempt - 1);
  const capped = Math.min(policy.retryMaxMs, exponential);
  return Math.round(capped * (0.5 + random() * 0.5));
}

/**
 * Delay before the next status poll of a fax that has been on its way for `ageMs`: every
 * `statusPollMs` at first, then a tenth of its age (a fax an hour old is asked every six minutes),
 * at most `statusPollMaxMs`. Callbacks usually report first; polling is the fallback that keeps a
 * lost callback from leaving a job in progress forever, without asking the provider every few
 * seconds for hours.
 */
export function statusPollDelayMs(ageMs: number, policy: Pick<WorkerConfig, 'statusPollMs' | 'statusPollMaxMs'>): number {
  const grown = Math.max(policy.statusPollMs, Math.floor(Math.max(0, ageMs) / 10));
  return Math.min(Math.max(policy.statusPollMs, policy.statusPollMaxMs), grown);
}
