import type { CapabilitiesResponse } from '@faxbot/api-client';
import type { Logger } from '../logging/stderr.logger';
import { sameSnapshot, snapshotOf, type CapabilitySnapshot } from './capability-snapshot';

/** What {@link CapabilityWatcher} needs. */
export interface CapabilityWatcherOptions {
  /** Reads `GET /plugins/capabilities` (the API client's `capabilities`). */
  read: (options: { signal?: AbortSignal }) => Promise<CapabilitiesResponse>;
  /** Time between polls. */
  intervalMs: number;
  logger: Logger;
}

/** Called with the new snapshot whenever the API's capabilities change. */
export type CapabilityListener = (snapshot: CapabilitySnapshot) => void;

function failureFields(error: unknown): Record<string, unknown> {
  const code = (error as { code?: unknown } | null)?.code;
  return { errorName: error instanceof Error ? error.name : typeof error, ...(typeof code === 'string' ? { code } : {}) };
}

/**
 * Polls the API's `GET /plugins/capabilities` and tells subscribers when the set of active
 * capabilities changes. One watcher serves every MCP server of the process (one per Streamable
 * HTTP session). A failed poll changes nothing: the tools stay as they were until the API answers
 * again; the first failure of a run is logged as a warning, the rest at debug level.
 */
export class CapabilityWatcher {
  private snapshot: CapabilitySnapshot | null = null;
  private readonly listeners = new Set<CapabilityListener>();
  private timer: NodeJS.Timeout | null = null;
  private inFlight: Promise<void> | null = null;
  private failing = false;
  private readonly abort = new AbortController();

  constructor(private readonly options: CapabilityWatcherOptions) {}

  /** The last snapshot read, or null before the first successful poll. */
  current(): CapabilitySnapshot | null {
    return this.snapshot;
  }

  /** Polls now, then every `intervalMs`, until {@link stop}. */
  start(): void {
    if (this.timer !== null) return;
    void this.poll();
    this.timer = setInterval(() => void this.poll(), this.options.intervalMs);
    // The transports keep the process alive; the poller alone must not.
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    this.abort.abort();
    await this.inFlight;
    this.listeners.clear();
  }

  /** Adds a listener for changes; returns the function that removes it. */
  subscribe(listener: CapabilityListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Reads the capabilities once (a poll already running is joined, not repeated). */
  poll(): Promise<void> {
    this.inFlight ??= this.read().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  private async read(): Promise<void> {
    let next: CapabilitySnapshot;
    try {
      next = snapshotOf(await this.options.read({ signal: this.abort.signal }));
    } catch (error) {
      if (this.abort.signal.aborted) return;
      this.options.logger[this.failing ? 'debug' : 'warn']('capability poll failed; tools unchanged', failureFields(error));
      this.failing = true;
      return;
    }
    if (this.failing) this.options.logger.info('capability poll recovered');
    this.failing = false;
    if (this.snapshot !== null && sameSnapshot(this.snapshot, next)) return;
    this.snapshot = next;
    this.options.logger.info('api capabilities changed', { capabilities: [...next].sort() });
    for (const listener of [...this.listeners]) {
      try {
        listener(next);
      } catch (error) {
        this.options.logger.error('capability listener failed', failureFields(error));
      }
    }
  }
}
