import type { BackendPlugin } from '@faxbot/plugin-sdk';
import type { InstanceState, IsolationTier } from './plugin-state';

/** Last health answer of an instance. */
export interface InstanceHealth {
  status: 'ok' | 'degraded' | 'down';
  detail: string | null;
  checkedAt: Date;
}

/**
 * One configured instance of a plugin (two Phaxio accounts are two instances) and its running
 * code. Counts calls in flight so a restart can let them finish before `stop()`.
 */
export class PluginInstance {
  state: InstanceState = 'configured';
  reason: string | null = null;
  plugin: BackendPlugin | null = null;
  health: InstanceHealth | null = null;
  startedAt: Date | null = null;
  startMs: number | null = null;
  private inFlight = 0;
  private idleWaiters: Array<() => void> = [];

  constructor(
    readonly instanceId: string,
    readonly pluginId: string,
    readonly isolation: IsolationTier,
    readonly config: Readonly<Record<string, unknown>>,
    /** Whether the operator has this instance switched on (a disabled instance is `stopped`). */
    readonly enabled: boolean,
    /** Releases what the host set up for this instance (child container, isolated worker). */
    readonly dispose: () => Promise<void> = async () => undefined,
  ) {}

  get callsInFlight(): number {
    return this.inFlight;
  }

  /** Runs a call to the plugin, counted as in flight until it settles. */
  async track<T>(call: () => Promise<T>): Promise<T> {
    this.inFlight += 1;
    try {
      return await call();
    } finally {
      this.inFlight -= 1;
      if (this.inFlight === 0) for (const wake of this.idleWaiters.splice(0)) wake();
    }
  }

  /** Resolves true once no call is in flight, false if `timeoutMs` passes first. */
  drain(timeoutMs: number): Promise<boolean> {
    if (this.inFlight === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.idleWaiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }
}
