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
