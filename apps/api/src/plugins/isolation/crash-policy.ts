/** Settings of {@link CrashPolicy}. */
export interface CrashPolicyOptions {
  /** Crashes within `windowMs` after which the plugin is failed for good. */
  maxCrashes: number;
  /** Only crashes this recent count towards `maxCrashes`. */
  windowMs: number;
  /** Restart delay: `baseMs` after the first crash in the window, doubling up to `maxMs`. */
  backoff: { baseMs: number; maxMs: number };
}

/** What to do after a crash. */
export type CrashDecision = { action: 'restart'; delayMs: number } | { action: 'fail'; crashes: number };

/**
 * Decides between restarting a crashed plugin (with exponential backoff) and giving up.
 * A plugin that crashes rarely is restarted forever; one that crash-loops is failed after
 * `maxCrashes` within `windowMs`.
 *
 * @example
 * const policy = new CrashPolicy({ maxCrashes: 5, windowMs: 300_000, backoff: { baseMs: 1000, maxMs: 30_000 } });
 * const decision = policy.recordCrash(Date.now()); // { action: 'restart', delayMs: 1000 }
 */
export class CrashPolicy {
  private crashTimes: number[] = [];

  constructor(private readonly options: CrashPolicyOptions) {}

  /** Records a crash at `now` (ms) and says what to do. */
  recordCrash(now: number): CrashDecision {
    this.crashTimes = [...this.crashTimes.filter((time) => now - time < this.options.windowMs), now];
    const recent = this.crashTimes.length;
    if (recent >= this.options.maxCrashes) return { action: 'fail', crashes: recent };
    const { baseMs, maxMs } = this.options.backoff;
    return { action: 'restart', delayMs: Math.min(maxMs, baseMs * 2 ** (recent - 1)) };
  }

  /** Forgets earlier crashes (a fresh start by the operator). */
  reset(): void {
    this.crashTimes = [];
  }
}
