import { AmiError, isAmiError } from './ami-errors';
import { AmiKeepalive } from './ami-keepalive';
import type { AmiAction, AmiMessage } from './ami-message';
import { AmiSession, type AmiSessionOptions } from './ami-session';
import { reconnectDelayMs } from './reconnect-backoff';

/**
 * - `idle`: not started. `connecting`: a connection or login is under way.
 * - `ready`: logged in; actions can be sent.
 * - `disconnected`: the last attempt failed or the connection dropped; retrying after a back-off.
 * - `auth_failed`: Asterisk refused the credentials; retrying only after the long `authRetryMs`.
 * - `stopped`: `stop()` was called.
 */
export type AmiClientState = 'idle' | 'connecting' | 'ready' | 'disconnected' | 'auth_failed' | 'stopped';

/** Settings of {@link AmiClient}. */
export interface AmiClientOptions extends AmiSessionOptions {
  /** How often an idle session is proven alive with `Ping`. */
  keepaliveIntervalMs: number;
  /** First reconnect delay; doubles per failure up to `reconnectMaxMs`. */
  reconnectMinMs: number;
  reconnectMaxMs: number;
  /** Delay before trying again after a refused login; long, so a wrong secret does not hammer Asterisk. */
  authRetryMs: number;
  /** Where connection changes are reported (never with the secret). */
  log?: (level: 'info' | 'warn', message: string, fields?: Record<string, unknown>) => void;
}

/**
 * A persistent AMI connection: logs in, keeps the session alive with `Ping`, reconnects with
 * exponential back-off when it drops, and hands every event to the subscribers. Actions are only
 * sent on a logged-in session; otherwise `send` fails at once with `not_connected`, so a caller
 * knows nothing reached Asterisk.
 */
export class AmiClient {
  private current: AmiClientState = 'idle';
  private session: AmiSession | undefined;
  private keepalive: AmiKeepalive | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private failures = 0;
  private lastProblem: string | undefined;
  private logins = 0;
  private readonly subscribers = new Set<(event: AmiMessage) => void>();
  private readonly stateWatchers = new Set<() => void>();

  constructor(private readonly options: AmiClientOptions) {}

  /** Where the connection is; see {@link AmiClientState}. */
  get state(): AmiClientState {
    return this.current;
  }

  /** Why the client is not ready, in words fit for a health check (no secrets). */
  get problem(): string | undefined {
    return this.current === 'ready' ? undefined : this.lastProblem;
  }

  /**
   * Increases with every successful login. Events sent while no session was logged in are lost,
   * so a caller can tell whether it may have missed some since a given moment.
   */
  get sessionNumber(): number {
    return this.logins;
  }

  /** Starts connecting in the background. */
  start(): void {
    if (this.current !== 'idle') return;
    void this.connect();
  }

  /** Closes the session and cancels every timer; the client cannot be restarted. */
  async stop(): Promise<void> {
    this.setState('stopped');
    if (this.retryTimer !== undefined) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.keepalive?.stop();
    const session = this.session;
    this.session = undefined;
    if (session !== undefined) {
      // A polite Logoff spares Asterisk a "connection reset" warning; it is not waited on for long.
      await session.send([['Action', 'Logoff']], { timeoutMs: 1000 }).catch(() => undefined);
      session.close(new AmiError('not_connected', 'AMI client stopped'));
    }
  }

  /** Subscribes to every AMI event; returns the unsubscribe function. */
  onEvent(handler: (event: AmiMessage) => void): () => void {
    this.subscribers.add(handler);
    return () => this.subscribers.delete(handler);
  }

  /** Sends an action on the logged-in session; see {@link AmiSession.send}. */
  async send(action: AmiAction, options: { actionId?: string; timeoutMs?: number } = {}): Promise<AmiMessage> {
    const session = this.session;
    if (this.current !== 'ready' || session === undefined) {
      throw new AmiError('not_connected', `AMI not logged in (${this.current})`);
    }
    return session.send(action, options);
  }

  /** Resolves once the client is `ready`; rejects after `timeoutMs` (for tests and start-up checks). */
  async whenReady(timeoutMs: number): Promise<void> {
    if (this.current === 'ready') return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.stateWatchers.delete(check);
        reject(new AmiError('not_connected', `AMI not ready within ${timeoutMs} ms (${this.current})`));
      }, timeoutMs);
      const check = (): void => {
        if (this.current !== 'ready') return;
        clearTimeout(timer);
        this.stateWatchers.delete(check);
        resolve();
      };
      this.stateWatchers.add(check);
    });
  }

  /** A method, not a field test, so TypeScript does not narrow the state across awaits. */
  private isStopped(): boolean {
    return this.current === 'stopped';
  }

  private setState(state: AmiClientState): void {
    if (this.isStopped()) return;
    this.current = state;
    for (const watcher of [...this.stateWatchers]) watcher();
  }

  private async connect(): Promise<void> {
    if (this.isStopped()) return;
    this.setState('connecting');
    const { host, port, username, password, actionTimeoutMs } = this.options;
    // The close callback can only refer to the session once `open` has returned it.
    const opened: { session?: AmiSession } = {};
    let session: AmiSession;
    try {
      session = await AmiSession.open(
        { host, port, username, password, actionTimeoutMs },
        {
          onEvent: (event) => this.dispatch(event),
          onClose: (reason) => {
            if (opened.session !== undefined) this.lost(opened.session, reason);
          },
        },
      );
    } catch (error) {
      this.failed(error);
      return;
    }
    opened.session = session;
    if (this.isStopped()) {
      session.close(new AmiError('not_connected', 'AMI client stopped'));
      return;
    }
    if (!session.open) {
      this.failed(new AmiError('connection_lost', 'AMI connection closed right after login'));
      return;
    }
    this.session = session;
    this.failures = 0;
    this.logins += 1;
    this.lastProblem = undefined;
    this.keepalive = new AmiKeepalive(
      this.options.keepaliveIntervalMs,
      () => session.send([['Action', 'Ping']]),
      (error) => session.close(new AmiError('timeout', `AMI keepalive failed: ${describe(error)}`, { cause: error })),
    );
    this.keepalive.start();
    this.setState('ready');
    this.options.log?.('info', 'AMI logged in', { host, port, session: this.logins });
  }

  private failed(error: unknown): void {
    if (this.isStopped()) return;
    if (isAmiError(error, 'auth_failed')) {
      this.lastProblem = 'AMI login failed';
      this.setState('auth_failed');
      this.options.log?.('warn', 'AMI login refused: check the AMI username and secret', { retryInMs: this.options.authRetryMs });
      this.retryAfter(this.options.authRetryMs);
      return;
    }
    this.failures += 1;
    this.lastProblem = `cannot reach AMI: ${describe(error)}`;
    this.setState('disconnected');
    const delay = reconnectDelayMs(this.failures, this.options.reconnectMinMs, this.options.reconnectMaxMs);
    this.options.log?.('warn', 'AMI connection failed; retrying', { failures: this.failures, retryInMs: delay, reason: describe(error) });
    this.retryAfter(delay);
  }

  private lost(session: AmiSession, reason: AmiError): void {
    if (this.session !== session || this.isStopped()) return;
    this.session = undefined;
    this.keepalive?.stop();
    this.failures = 1;
    this.lastProblem = `AMI connection lost: ${reason.message}`;
    this.setState('disconnected');
    this.options.log?.('warn', 'AMI connection lost; reconnecting', { reason: reason.message, retryInMs: this.options.reconnectMinMs });
    this.retryAfter(this.options.reconnectMinMs);
  }

  private retryAfter(delayMs: number): void {
    if (this.retryTimer !== undefined) clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.connect();
    }, delayMs);
    this.retryTimer.unref();
  }

  private dispatch(event: AmiMessage): void {
    for (const subscriber of [...this.subscribers]) {
      try {
        subscriber(event);
      } catch (error) {
        // One faulty subscriber must not stop the others, nor the read loop.
        this.options.log?.('warn', 'AMI event handler failed', { event: event['event'], reason: describe(error) });
      }
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
