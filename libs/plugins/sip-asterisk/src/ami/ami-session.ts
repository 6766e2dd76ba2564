import { connect, type Socket } from 'node:net';
import { AmiActionTracker } from './ami-action-tracker';
import { AmiError, isAmiError } from './ami-errors';
import { AmiFrameParser } from './ami-frame-parser';
import { isResponse, isSuccess, serializeAction, type AmiAction, type AmiMessage } from './ami-message';

/** Where and as whom to log in. */
export interface AmiSessionOptions {
  host: string;
  port: number;
  username: string;
  /** The AMI secret. Sent in the `Login` action only; never logged or put into an error. */
  password: string;
  /** Limit for connecting, logging in and each action's answer. */
  actionTimeoutMs: number;
}

/** Callbacks of one session. */
export interface AmiSessionHandlers {
  /** Every event (a block with `Event:`), in arrival order. */
  onEvent(event: AmiMessage): void;
  /** Once, when the connection is gone, with why (never for a refused login: `open` rejects then). */
  onClose(reason: AmiError): void;
}

/**
 * One logged-in AMI connection: TCP, the greeting, `Login` (whose answer is checked — a refused
 * secret is an `auth_failed` error, not a working connection), then actions correlated by
 * `ActionID` and events handed on. It does not reconnect; {@link AmiClient} does.
 */
export class AmiSession {
  private readonly parser = new AmiFrameParser();
  private readonly tracker = new AmiActionTracker();
  private closeReason: AmiError | undefined;
  private loggedIn = false;

  private constructor(
    private readonly socket: Socket,
    private readonly options: AmiSessionOptions,
    private readonly handlers: AmiSessionHandlers,
  ) {}

  /** Connects and logs in; rejects with `auth_failed`, `timeout`, `connection_lost` or `protocol`. */
  static async open(options: AmiSessionOptions, handlers: AmiSessionHandlers): Promise<AmiSession> {
    const socket = connect({ host: options.host, port: options.port });
    socket.setNoDelay(true);
    socket.setKeepAlive(true, 30_000);
    const session = new AmiSession(socket, options, handlers);
    session.listen();
    try {
      await session.connected();
      await session.login();
    } catch (error) {
      session.close();
      throw error;
    }
    return session;
  }

  /** False once the connection has closed. */
  get open(): boolean {
    return this.closeReason === undefined;
  }

  /**
   * Sends an action and resolves with its response (whatever `Response:` says). `actionId` lets a
   * caller choose the id (e.g. to correlate `OriginateResponse` events); otherwise one is made.
   */
  async send(action: AmiAction, options: { actionId?: string; timeoutMs?: number } = {}): Promise<AmiMessage> {
    if (this.closeReason !== undefined) throw new AmiError('not_connected', 'AMI session is closed');
    const actionId = options.actionId ?? this.tracker.nextId();
    const text = serializeAction([...action.filter(([name]) => name.toLowerCase() !== 'actionid'), ['ActionID', actionId]]);
    const answer = this.tracker.expect(actionId, options.timeoutMs ?? this.options.actionTimeoutMs);
    this.socket.write(text);
    return answer;
  }

  /** Closes the connection (idempotent). Waiting actions fail with `connection_lost`. */
  close(reason = new AmiError('connection_lost', 'AMI session closed')): void {
    this.finish(reason);
    this.socket.destroy();
  }

  private listen(): void {
    this.socket.on('data', (chunk: Buffer) => this.onData(chunk));
    this.socket.on('error', (error) => this.finish(new AmiError('connection_lost', `AMI connection error (${errorCode(error)})`, { cause: error })));
    this.socket.on('close', () => this.finish(new AmiError('connection_lost', 'AMI connection closed by Asterisk')));
  }

  private connected(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new AmiError('timeout', `could not connect to AMI within ${this.options.actionTimeoutMs} ms`)), this.options.actionTimeoutMs);
      this.socket.once('connect', () => {
        clearTimeout(timer);
        resolve();
      });
      this.socket.once('close', () => {
        clearTimeout(timer);
        reject(this.closeReason ?? new AmiError('connection_lost', 'AMI connection refused'));
      });
    });
  }

  private async login(): Promise<void> {
    let response: AmiMessage;
    try {
      response = await this.send([
        ['Action', 'Login'],
        ['Username', this.options.username],
        ['Secret', this.options.password],
        // Only the classes the fax flow reads: call (OriginateResponse, Hangup) and user (UserEvent).
        ['Events', 'call,user'],
      ]);
    } catch (error) {
      // Asterisk closes the socket right after refusing a login; the close can win the race.
      if (isAmiError(error, 'connection_lost')) throw new AmiError('connection_lost', 'AMI closed the connection during login', { cause: error });
      throw error;
    }
    if (!isSuccess(response)) throw new AmiError('auth_failed', 'AMI login failed');
    this.loggedIn = true;
  }

  private onData(chunk: Buffer): void {
    let frames;
    try {
      frames = this.parser.push(chunk);
    } catch (error) {
      this.close(isAmiError(error) ? error : new AmiError('protocol', 'unreadable AMI stream', { cause: error }));
      return;
    }
    for (const frame of frames) {
      if (frame.kind !== 'message') continue;
      if (isResponse(frame.message)) {
        this.tracker.settle(frame.message);
      } else if (frame.message['event'] !== undefined && this.loggedIn) {
        this.handlers.onEvent(frame.message);
      }
    }
  }

  private finish(reason: AmiError): void {
    if (this.closeReason !== undefined) return;
    this.closeReason = reason;
    this.tracker.failAll(reason.kind === 'connection_lost' ? reason : new AmiError('connection_lost', reason.message, { cause: reason }));
    // A session that never logged in is reported through open()'s rejection instead.
    if (this.loggedIn) this.handlers.onClose(reason);
  }
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? 'unknown';
}
