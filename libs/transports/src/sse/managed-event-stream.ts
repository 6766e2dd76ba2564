import http from 'node:http';
import https from 'node:https';
import { FaxbotError, type ConnectHeaders, type ConnectionEndReason, type ConnectionState, type EventStreamStatus, type ServerSentEvent } from '@faxbot/plugin-sdk';
import { backoffDelay } from '../retry/backoff';
import { parseRetryAfter } from '../retry/retry-after';
import { connectError, isPermanentConnectError } from '../shared/connect-error';
import { resolveConnectHeaders } from '../shared/connect-headers';
import { DeferredDispatcher } from '../shared/deferred-dispatcher';
import type { ReconnectSettings } from '../shared/reconnect-settings';
import type { TransportContext } from '../shared/transport-context';
import { transportError } from '../shared/transport-error';
import { SseParser } from './sse-parser';

/** Everything one stream needs, resolved by the client. */
export interface ManagedEventStreamOptions {
  id: string;
  url: URL;
  context: TransportContext;
  userAgent: string;
  headers: ConnectHeaders | undefined;
  lastEventId: string;
  connectTimeoutMs: number;
  /** 0: off. */
  idleTimeoutMs: number;
  /** null: never reconnect. */
  reconnect: ReconnectSettings | null;
  /** Called once, when the stream has ended for good. */
  onEnded: () => void;
}

// Dispatcher channel for lifecycle reports; event names get an `event:` prefix, so no SSE event
// name can collide with it.
const STATUS = 'status';
const eventChannel = (name: string): string => `event:${name}`;

/** How one attempt to open the stream went. */
type AttemptResult =
  | { ok: true }
  | { ok: false; error: unknown; retryAfterMs: number | null; endReason: 'ended' | 'rejected' | null };

/**
 * One Server-Sent Events stream that reopens itself: backoff with jitter (the server's `retry:`
 * as the base delay), `Last-Event-ID` on every reconnect, `Retry-After` honoured for 429/503, an
 * optional idle timeout, and per-event-name subscriptions.
 */
export class ManagedEventStream {
  state: ConnectionState = 'connecting';
  readonly events: DeferredDispatcher;
  private readonly parser: SseParser;
  private request: http.ClientRequest | null = null;
  private stopped = false;
  private everOpened = false;
  private reconnectAttempt = 0;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private idleTimer: NodeJS.Timeout | null = null;

  constructor(private readonly options: ManagedEventStreamOptions) {
    this.events = new DeferredDispatcher((channel, error) =>
      options.context.logger.warn('event stream handler failed', { streamId: options.id, event: channel, error: error instanceof Error ? error.message : String(error) }),
    );
    this.parser = new SseParser((event) => this.events.emit(eventChannel(event.event), event), options.lastEventId);
  }

  get lastEventId(): string {
    return this.parser.lastEventId;
  }

  /** First connect: resolves once the stream is open; a failure rejects and ends it (no events). */
  async start(): Promise<void> {
    const result = await this.openOnce();
    if (result.ok) return;
    this.stopped = true;
    this.state = 'closed';
    this.events.dispose();
    this.options.onEnded();
    throw result.error;
  }

  subscribe(event: string, handler: (event: ServerSentEvent) => void | Promise<void>): () => void {
    return this.events.on(eventChannel(event), handler);
  }

  subscribeStatus(handler: (status: EventStreamStatus) => void | Promise<void>): () => void {
    return this.events.on(STATUS, handler);
  }

  /** Closes for good; harmless twice. */
  stop(): Promise<void> {
    if (this.state !== 'closed') {
      this.stopped = true;
      this.request?.destroy();
      this.end('disconnected');
    }
    return Promise.resolve();
  }

  /**
   * One request. Resolves `{ ok: true }` once a `200 text/event-stream` arrives (reading goes on
   * in the background); otherwise with the error, any `Retry-After`, and whether the failure ends
   * the stream for good (204: `ended`; 4xx or another content type: `rejected`).
   */
  private async openOnce(): Promise<AttemptResult> {
    const { url, id, context } = this.options;
    const label = `event stream ${url.hostname}`;
    let headers: Record<string, string>;
    try {
      headers = await resolveConnectHeaders(this.options.headers, this.options.userAgent);
    } catch (error) {
      return { ok: false, error, retryAfterMs: null, endReason: isPermanentConnectError(error) ? 'rejected' : null };
    }
    headers['accept'] = 'text/event-stream';
    headers['cache-control'] = 'no-cache';
    if (this.parser.lastEventId !== '') headers['last-event-id'] = this.parser.lastEventId;
    if (this.stopped) return { ok: false, error: connectError({ label, status: null, networkCode: null, timedOut: false, closed: true }), retryAfterMs: null, endReason: null };
    this.parser.reset();
    return new Promise<AttemptResult>((resolve) => {
      // agent: false gives the stream a socket of its own, closed with it (no pooling of long streams).
      const request = (url.protocol === 'https:' ? https : http).request(url, { method: 'GET', headers, agent: false });
      this.request = request;
      let timedOut = false;
      const deadline = setTimeout(() => {
        timedOut = true;
        request.destroy();
      }, this.options.connectTimeoutMs);
      const fail = (result: Omit<Extract<AttemptResult, { ok: false }>, 'ok'>): void => {
        clearTimeout(deadline);
        if (this.request === request) this.request = null;
        resolve({ ok: false, ...result });
      };
      request.on('error', (error: NodeJS.ErrnoException) => {
        fail({ error: connectError({ label, status: null, networkCode: error.code ?? null, timedOut, closed: this.stopped }), retryAfterMs: null, endReason: null });
      });
      request.on('response', (response) => {
        clearTimeout(deadline);
        const status = response.statusCode ?? 0;
        const isStream = status === 200 && /^text\/event-stream\b/i.test(String(response.headers['content-type'] ?? ''));
        if (!isStream) {
          response.resume();
          if (status === 204) {
            fail({ error: transportError('PROVIDER_REJECTED', `${label} answered 204: no more events`), retryAfterMs: null, endReason: 'ended' });
            return;
          }
          const error =
            status === 200
              ? transportError('PROVIDER_REJECTED', `${label} did not answer with text/event-stream`)
              : connectError({ label, status, networkCode: null, timedOut: false, closed: false });
          fail({ error, retryAfterMs: parseRetryAfter(response.headers['retry-after']), endReason: isPermanentConnectError(error) ? 'rejected' : null });
          return;
        }
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          this.touch(response);
          this.parser.push(chunk);
        });
        // 'close' follows both a clean end and an error, exactly once.
        response.on('close', () => this.onStreamClosed(response));
        response.on('error', () => undefined);
        this.onOpen();
        this.touch(response);
        resolve({ ok: true });
      });
      request.end();
      context.logger.debug('event stream connecting', { streamId: id, host: url.hostname });
    });
  }

  private onOpen(): void {
    const { id, url, context } = this.options;
    const reconnected = this.everOpened;
    this.everOpened = true;
    this.reconnectAttempt = 0;
    this.state = 'open';
    context.logger.info('event stream connected', { streamId: id, host: url.hostname, reconnected });
    this.events.emit(STATUS, { state: 'open', reconnected } satisfies EventStreamStatus);
  }

  private onStreamClosed(response: http.IncomingMessage): void {
    this.clearIdleTimer();
    this.request = null;
    if (this.stopped) return;
    const clean = response.complete;
    this.options.context.logger[clean ? 'info' : 'warn']('event stream closed', { streamId: this.options.id, clean, willReconnect: this.options.reconnect !== null });
    if (this.options.reconnect === null) this.end('ended');
    else this.scheduleReconnect(null);
  }

  private scheduleReconnect(retryAfterMs: number | null): void {
    const settings = this.options.reconnect;
    if (settings === null || this.stopped) return;
    this.reconnectAttempt += 1;
    if (this.reconnectAttempt > settings.maxAttempts) {
      this.end('gave_up');
      return;
    }
    // The server's `retry:` replaces the base delay; a Retry-After is honoured up to the cap.
    const base = this.parser.retryMs ?? settings.baseDelayMs;
    const backoff = backoffDelay(this.reconnectAttempt, { baseDelayMs: base, maxDelayMs: Math.max(settings.maxDelayMs, base) });
    const delayMs = Math.max(backoff, Math.min(retryAfterMs ?? 0, settings.maxDelayMs));
    this.state = 'reconnecting';
    this.options.context.logger.info('event stream reconnecting', { streamId: this.options.id, attempt: this.reconnectAttempt, delayMs });
    this.events.emit(STATUS, { state: 'reconnecting', attempt: this.reconnectAttempt, delayMs } satisfies EventStreamStatus);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      void this.openOnce().then((result) => {
        if (!result.ok) this.onReconnectFailed(result);
      });
    }, delayMs);
  }

  private onReconnectFailed(result: Extract<AttemptResult, { ok: false }>): void {
    if (this.stopped) return;
    const errorCode = FaxbotError.is(result.error) ? result.error.code : 'INTERNAL';
    this.options.context.logger.warn('event stream reconnect failed', { streamId: this.options.id, attempt: this.reconnectAttempt, errorCode });
    if (result.endReason !== null) this.end(result.endReason);
    else this.scheduleReconnect(result.retryAfterMs);
  }

  /** Restarts the idle timer: a stream silent for `idleTimeoutMs` is dropped and reopened. */
  private touch(response: http.IncomingMessage): void {
    if (this.options.idleTimeoutMs <= 0) return;
    this.clearIdleTimer();
    this.idleTimer = setTimeout(() => {
      this.options.context.logger.warn('event stream idle', { streamId: this.options.id, idleTimeoutMs: this.options.idleTimeoutMs });
      response.destroy();
    }, this.options.idleTimeoutMs);
  }

  private clearIdleTimer(): void {
    if (this.idleTimer !== null) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  private end(reason: ConnectionEndReason): void {
    if (this.state === 'closed') return;
    this.stopped = true;
    if (this.reconnectTimer !== null) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    this.clearIdleTimer();
    this.state = 'closed';
    this.options.context.logger.info('event stream ended', { streamId: this.options.id, reason });
    this.events.emit(STATUS, { state: 'closed', reason } satisfies EventStreamStatus);
    this.events.dispose();
    this.options.onEnded();
  }
}
