/** Exponential backoff settings. */
export interface BackoffOptions {
  /** Delay before the first retry. */
  baseDelayMs: number;
  /** Largest delay before jitter. */
  maxDelayMs: number;
  /** Source of randomness in [0, 1); `Math.random` by default (tests pass their own). */
  random?: () => number;
}

/**
 * The delay before retry number `retry` (1 for the first retry): `baseDelayMs · 2^(retry−1)`,
 * capped at `maxDelayMs`, then scaled by a random 50–100 % ("equal jitter", as the host's job
 * retries use) so that many clients dropped at once do not come back in step.
 *
 * @example
 * backoffDelay(3, { baseDelayMs: 100, maxDelayMs: 10_000 }); // between 200 and 400
 */
export function backoffDelay(retry: number, options: BackoffOptions): number {
  const exponent = Math.max(0, Math.floor(retry) - 1);
  const capped = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** exponent);
  const random = Math.min(Math.max((options.random ?? Math.random)(), 0), 1);
  return Math.max(0, Math.round(capped * (0.5 + random / 2)));
}
