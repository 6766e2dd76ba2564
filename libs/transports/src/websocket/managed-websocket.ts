import type { ConnectHeaders, ConnectionEndReason, ConnectionState, WebSocketData, WebSocketEventMap } from '@faxbot/plugin-sdk';
import WebSocket from 'ws';
import { backoffDelay } from '../retry/backoff';
import { connectError, isPermanentConnectError } from '../shared/connect-error';
import { resolveConnectHeaders } from '../shared/connect-headers';
import { DeferredDispatcher } from '../shared/deferred-dispatcher';
import type { ReconnectSettings } from '../shared/reconnect-settings';
import { emitSafely, type TransportContext } from '../shared/transport-context';
import { transportError } from '../shared/transport-error';

/** Everything one connection needs, resolved by the transport. */
export interface ManagedWebSocketOptions {
  id: string;
  url: URL;
  context: TransportContext;
  userAgent: string;
  headers: ConnectHeaders | undefined;
  protocols: string[];
  connectTimeoutMs: number;
  /** null: never reconnect. */
  reconnect: ReconnectSettings | null;
  /** null: no pings. */
  heartbeat: { intervalMs: number; timeoutMs: number } | null;
  maxMessageBytes: number;
  /** Called once, when the connection has ended for good. */
  onEnded: () => void;
}

// Codes an endpoint may send in a close frame (RFC 6455 §7.4.1); `ws` throws for others.
const isSendableCloseCode = (code: number): boolean =>
  (code >= 1000 && code <= 1014 && code !== 1004 && code !== 1005 && code !== 1006) || (code >= 3000 && code <= 4999);

/**
 * One WebSocket connection that reopens itself: backoff with jitter between attempts, a fresh
 * `headers()` call per attempt, ping/pong heartbeats that drop a silent connection, catalogue
 * events on open, message and close, and typed events for the plugin.
 */
export class ManagedWebSocket {
  state: ConnectionState = 'connecting';
  readonly events: DeferredDispatcher;
  private socket: WebSocket | null = null;
  private stopped = false;
  private everOpened = false;
  private reconnectAttempt = 0;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private heartbeatTimer: NodeJS.Timeout | null = null;
  private pongTimer: NodeJS.Timeout | null = null;
  private stopping: Promise<void> | null = null;

  constructor(private readonly options: ManagedWebSocketOptions) {
    this.events = new DeferredDispatcher((event, error) =>
      options.context.logger.warn('websocket handler failed', { connectionId: options.id, event, error: error instanceof Error ? error.message : String(error) }),
    );
  }

  /** First connect: resolves once open; a failure rejects and ends the connection (no events). */
  async start(): Promise<void> {
    try {
      await this.connectOnce();
    } catch (error) {
      this.stopped = true;
      this.state = 'closed';
      this.events.dispose();
      this.options.onEnded();
      throw error;
    }
  }

  /** Typed subscription; the returned function unsubscribes. */
  subscribe<E extends keyof WebSocketEventMap>(event: E, handler: (payload: WebSocketEventMap[E]) => void | Promise<void>): () => void {
    return this.events.on(event, handler);
  }

  /** Sends one message; rejects with retryable `PROVIDER_UNAVAILABLE` unless open. */
  send(data: WebSocketData): Promise<void> {
    const socket = this.socket;
    if (this.state !== 'open' || socket === null || socket.readyState !== WebSocket.OPEN) {
      return Promise.reject(transportError('PROVIDER_UNAVAILABLE', `websocket connection is ${this.state}, not open`, { retryable: true }));
    }
    const payload = typeof data === 'string' ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    return new Promise((resolve, reject) => {
      socket.send(payload, { binary: typeof data !== 'string' }, (error) => {
        if (error === undefined || error === null) resolve();
        else reject(transportError('PROVIDER_UNAVAILABLE', 'the websocket message could not be written', { cause: error, retryable: true }));
      });
    });
  }

  /** Closes for good (close frame, then a hard stop after 2 s); later calls return the same promise. */
  stop(code = 1000, reason = ''): Promise<void> {
    this.stopping ??= (async () => {
      this.stopped = true;
      this.clearTimers();
      const socket = this.socket;
      if (socket !== null && socket.readyState !== WebSocket.CLOSED) {
        await new Promise<void>((resolve) => {
          const force = setTimeout(() => socket.terminate(), 2_000);
          socket.once('close', () => {
            clearTimeout(force);
            resolve();
          });
          if (socket.readyState === WebSocket.CONNECTING) socket.terminate();
          else if (socket.readyState === WebSocket.OPEN) socket.close(isSendableCloseCode(code) ? code : 1000, reason.slice(0, 120));
        });
      }
      this.end('disconnected');
    })();
    return this.stopping;
  }

  private async connectOnce(): Promise<void> {
    const { url, id, context } = this.options;
    const headers = await resolveConnectHeaders(this.options.headers, this.options.userAgent);
    const label = `websocket ${url.hostname}`;
    if (this.stopped) throw connectError({ label, status: null, networkCode: null, timedOut: false, closed: true });
    await new Promise<void>((resolve, reject) => {
      const socket = new WebSocket(url, this.options.protocols, { headers, maxPayload: this.options.maxMessageBytes, followRedirects: false });
      this.socket = socket;
      let opened = false;
      let timedOut = false;
      let status: number | null = null;
      let networkCode: string | null = null;
      const deadline = setTimeout(() => {
        timedOut = true;
        socket.terminate();
      }, this.options.connectTimeoutMs);
      socket.on('unexpected-response', (_request, response) => {
        // The server answered the upgrade with a plain HTTP response (401, 404, 503, …).
        status = response.statusCode ?? null;
        response.resume();
        socket.terminate();
      });
      socket.on('error', (error: NodeJS.ErrnoException) => {
        networkCode ??= error.code ?? null;
      });
      socket.on('open', () => {
        opened = true;
        clearTimeout(deadline);
        this.onOpen(socket);
        resolve();
      });
      socket.on('message', (data, isBinary) => this.onMessage(data, isBinary));
      socket.on('pong', () => this.clearPongTimer());
      socket.on('close', (code, reason) => {
        clearTimeout(deadline);
        if (this.socket === socket) this.socket = null;
        if (opened) this.onClose(code, reason.toString('utf8'));
        else reject(connectError({ label, status, networkCode, timedOut, closed: this.stopped }));
      });
      context.logger.debug('websocket connecting', { connectionId: id, host: url.hostname });
    });
  }

  private onOpen(socket: WebSocket): void {
    const { id, url, context } = this.options;
    const reconnected = this.everOpened;
    const attempt = this.reconnectAttempt;
    this.everOpened = true;
    this.reconnectAttempt = 0;
    this.state = 'open';
    context.logger.info('websocket connected', { connectionId: id, host: url.hostname, reconnected });
    emitSafely(context, 'transport.websocket.connected', { connectionId: id, host: url.hostname });
    this.events.emit('open', { reconnected });
    if (reconnected) this.events.emit('reconnected', { attempt });
    this.startHeartbeat(socket);
  }

  private onMessage(data: WebSocket.RawData, isBinary: boolean): void {
    const bytes = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
    emitSafely(this.options.context, 'transport.websocket.message_received', { connectionId: this.options.id, bytes: bytes.length });
    const message: WebSocketEventMap['message'] = isBinary
      ? { data: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), binary: true }
      : { data: bytes.toString('utf8'), binary: false };
    this.events.emit('message', message);
  }

  private onClose(code: number, reason: string): void {
    const { id, context } = this.options;
    this.clearTimers();
    const willReconnect = !this.stopped && this.options.reconnect !== null;
    emitSafely(context, 'transport.websocket.disconnected', { connectionId: id, code });
    context.logger[this.stopped ? 'info' : 'warn']('websocket closed', { connectionId: id, code, willReconnect });
    this.events.emit('close', { code, reason, willReconnect });
    if (this.stopped) return;
    if (willReconnect) this.scheduleReconnect();
    else this.end('ended');
  }

  private scheduleReconnect(): void {
    const settings = this.options.reconnect;
    if (settings === null || this.stopped) return;
    this.reconnectAttempt += 1;
    if (this.reconnectAttempt > settings.maxAttempts) {
      this.end('gave_up');
      return;
    }
    const delayMs = backoffDelay(this.reconnectAttempt, settings);
    this.state = 'reconnecting';
    this.options.context.logger.info('websocket reconnecting', { connectionId: this.options.id, attempt: this.reconnectAttempt, delayMs });
    this.events.emit('reconnecting', { attempt: this.reconnectAttempt, delayMs });
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.connectOnce().catch((error: unknown) => this.onReconnectFailed(error));
    }, delayMs);
  }

  private onReconnectFailed(error: unknown): void {
    if (this.stopped) return;
    const errorCode = error instanceof Error && 'code' in error ? String(error.code) : 'INTERNAL';
    this.options.context.logger.warn('websocket reconnect failed', { connectionId: this.options.id, attempt: this.reconnectAttempt, errorCode });
    this.events.emit('error', { error: error instanceof Error ? error : new Error(String(error)) });
    if (isPermanentConnectError(error)) this.end('rejected');
    else this.scheduleReconnect();
  }

  private startHeartbeat(socket: WebSocket): void {
    const heartbeat = this.options.heartbeat;
    if (heartbeat === null) return;
    this.heartbeatTimer = setInterval(() => {
      if (this.pongTimer !== null || socket.readyState !== WebSocket.OPEN) return;
      socket.ping();
      this.pongTimer = setTimeout(() => {
        this.pongTimer = null;
        this.options.context.logger.warn('websocket heartbeat missed', { connectionId: this.options.id, timeoutMs: heartbeat.timeoutMs });
        this.events.emit('error', { error: transportError('PROVIDER_TIMEOUT', `no pong within ${heartbeat.timeoutMs} ms`) });
        // Closing without a handshake: a peer that misses pongs will not answer a close frame either.
        socket.terminate();
      }, heartbeat.timeoutMs);
    }, heartbeat.intervalMs);
  }

  private clearPongTimer(): void {
    if (this.pongTimer !== null) clearTimeout(this.pongTimer);
    this.pongTimer = null;
  }

  private clearTimers(): void {
    if (this.reconnectTimer !== null) clearTimeout(this.reconnectTimer);
    if (this.heartbeatTimer !== null) clearInterval(this.heartbeatTimer);
    this.reconnectTimer = null;
    this.heartbeatTimer = null;
    this.clearPongTimer();
  }

  private end(reason: ConnectionEndReason): void {
    if (this.state === 'closed') return;
    this.stopped = true;
    this.clearTimers();
    this.state = 'closed';
    this.options.context.logger.info('websocket ended', { connectionId: this.options.id, reason });
    this.events.emit('ended', { reason });
    this.events.dispose();
    this.options.onEnded();
  }
}
