import type { Unsubscribe } from './plugin-events';

/*
 * Network clients the host gives a plugin (`deps.http`, `deps.websockets`, `deps.eventStreams`).
 * All three enforce the manifest's `requirements.network` list before any socket opens, retry or
 * reconnect with exponential backoff and jitter, and log only method, host, path (never the query
 * string), status, duration and attempt: never headers, bodies or messages.
 *
 * Errors are `FaxbotError`s with one of the {@link TransportErrorCode} codes.
 */

/**
 * The `FaxbotError` codes the transports throw (and put in `transport.http.request_failed`):
 *
 * - `PROVIDER_UNAVAILABLE`: the server could not be reached, or answered 5xx or 429 until the
 *   retries ran out. `retryable: true` (nothing was accepted). Also thrown, not retryable, for an
 *   answer the client cannot use (a body over the size limit, invalid JSON when JSON was asked for).
 * - `PROVIDER_TIMEOUT`: no answer arrived in time, the request was aborted, or the connection
 *   dropped after a request that may not be repeated had been sent. The outcome is unknown.
 * - `PROVIDER_AUTH_FAILED`: 401 or 403.
 * - `PROVIDER_REJECTED`: any other 4xx (never retried), or too many redirects.
 * - `NOT_SUPPORTED`: egress refused: the URL's host (or port) is not in the manifest's
 *   `requirements.network`, or its scheme is not one the transport speaks. This is the code the
 *   SDK already uses when a plugin oversteps what it was granted (emitting another namespace's
 *   event); it is not `CONFIG_INVALID` because no instance configuration can fix it: the manifest
 *   must declare the host and the operator approve it. Never retryable.
 * - `CONFIG_INVALID`: the URL cannot be parsed (usually a configured base URL), or a request
 *   gives both `body` and `json`.
 */
export type TransportErrorCode =
  | 'PROVIDER_UNAVAILABLE'
  | 'PROVIDER_TIMEOUT'
  | 'PROVIDER_AUTH_FAILED'
  | 'PROVIDER_REJECTED'
  | 'NOT_SUPPORTED'
  | 'CONFIG_INVALID';

/**
 * What the HTTP client puts in the `cause` of a `FaxbotError` it throws for a request that was
 * sent. It holds no body, no request header and no `Set-Cookie`, so it is safe to log.
 *
 * @example
 * try {
 *   await deps.http.get('https://api.example.com/v1/faxes/42');
 * } catch (error) {
 *   if (FaxbotError.is(error) && isHttpFailure(error.cause) && error.cause.status === 404) return null;
 *   throw error;
 * }
 */
export interface HttpFailure extends Error {
  readonly name: 'HttpFailure';
  /** Status of the last response, or null when none arrived. */
  readonly status: number | null;
  /** Attempts made, the first included. */
  readonly attempts: number;
  /** Headers of the last response but `Set-Cookie` (names in lower case; provider request ids live here), else empty. */
  readonly headers: Readonly<Record<string, string>>;
  /** Node's error code for a network failure (`ECONNREFUSED`, `ECONNRESET`, …), `timeout`, `aborted`, or null. */
  readonly networkCode: string | null;
}

/**
 * True when `value` is an {@link HttpFailure} (works across copies of the SDK).
 *
 * @example
 * if (FaxbotError.is(error) && isHttpFailure(error.cause)) logger.warn('provider said no', { status: error.cause.status });
 */
export function isHttpFailure(value: unknown): value is HttpFailure {
  return value instanceof Error && value.name === 'HttpFailure' && 'attempts' in value && 'networkCode' in value;
}

/** HTTP methods the client sends. */
export type HttpMethod = 'GET' | 'HEAD' | 'OPTIONS' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** How a request is retried; every field has a host default. */
export interface HttpRetryOptions {
  /** Attempts in total, the first included (default 3); 1 never retries. */
  maxAttempts?: number;
  /** Delay before the first retry (default 250 ms); it doubles per retry, with 50–100 % jitter. */
  baseDelayMs?: number;
  /**
   * Longest single delay (default 30 000 ms). A `Retry-After` longer than this ends the retries at
   * once with a retryable `PROVIDER_UNAVAILABLE`, rather than retrying earlier than the server asked.
   */
  maxDelayMs?: number;
}

/**
 * One request. Retries happen on network errors, timeouts, 5xx and 429 (honouring `Retry-After`),
 * never on other 4xx.
 *
 * **Which requests retry.** `GET`, `HEAD`, `OPTIONS`, `PUT` and `DELETE` retry by default.
 * `POST` and `PATCH` make exactly one attempt unless you opt in, because repeating them may send a
 * fax twice: pass `retry: true` (or retry options), or send an `Idempotency-Key` (or
 * `X-Idempotency-Key`) header, which tells the provider to deduplicate. `retry: false` turns
 * retries off for any method.
 */
export interface HttpRequestOptions {
  /** Absolute `http:` or `https:` URL; its host must be declared in the manifest. */
  url: string;
  /** Default `GET`. */
  method?: HttpMethod;
  /** Added to the URL's query string (never logged). */
  query?: Readonly<Record<string, string | number | boolean>>;
  /** Request headers (never logged). A `User-Agent` naming the plugin is added unless you set one. */
  headers?: Readonly<Record<string, string>>;
  /**
   * Raw body, sent as is. `Content-Type` defaults to `text/plain` for a string,
   * `application/octet-stream` for bytes, form encoding for `URLSearchParams` and multipart for
   * `FormData`. Use either `body` or `json`.
   */
  body?: string | Uint8Array | URLSearchParams | FormData;
  /** Serialised with `JSON.stringify` and sent as `application/json`. */
  json?: unknown;
  /**
   * How `data` is read: `json` (an empty body gives null), `text` or `bytes` (a `Uint8Array`).
   * Default: JSON when the response's `Content-Type` says JSON and the body parses, text otherwise.
   */
  responseType?: 'json' | 'text' | 'bytes';
  /** Deadline of one attempt, redirects and body included (default 30 000 ms). */
  timeoutMs?: number;
  /** See "Which requests retry" above. */
  retry?: boolean | HttpRetryOptions;
  /**
   * When true (the default) a final 4xx or 5xx throws a `FaxbotError`; when false it is returned
   * like any response, after the retries (so 5xx and 429 are still retried first).
   */
  throwHttpErrors?: boolean;
  /** Aborts the request (and any wait between attempts) with `PROVIDER_TIMEOUT`. */
  signal?: AbortSignal;
  /**
   * What the logs show instead of the URL's path, for APIs that put a secret or an identifier in
   * it: `'/bot:token/sendMessage'`, `'/v2/faxes/:id'`.
   */
  logPath?: string;
}

/** The options of the `get`/`post`/`put`/`delete` shortcuts: a request without `url` and `method`. */
export type HttpRequestInit = Omit<HttpRequestOptions, 'url' | 'method'>;

/** A response. A status of 400 and above only reaches you with `throwHttpErrors: false`. */
export interface HttpResponse<T = unknown> {
  status: number;
  /** Names in lower case; repeated headers joined with `, `. */
  headers: Readonly<Record<string, string>>;
  data: T;
  /** Attempts it took, the first included. */
  attempts: number;
}

/**
 * The HTTP client of one plugin instance (`deps.http`). Egress is limited to the manifest's
 * `requirements.network`; a request to another host fails with `NOT_SUPPORTED` before any
 * connection is made, and so does a redirect to one. Redirects (at most 5) are followed;
 * `Authorization` and `Cookie` are dropped when one leaves the origin. Each call emits
 * `transport.http.request_started` (once the first attempt goes out), `retry_attempted` per retry,
 * and exactly one of `request_completed` (the call resolved) or `request_failed` (it threw).
 *
 * @example
 * const created = await deps.http.post<{ id: string }>('https://api.example.com/v1/faxes', {
 *   json: { documentUrl },
 *   headers: { authorization: `Bearer ${config.apiKey}`, 'idempotency-key': options.idempotencyKey },
 * });
 * return { providerSid: created.data.id, status: 'queued' };
 */
export interface PluginHttpClient {
  request<T = unknown>(options: HttpRequestOptions): Promise<HttpResponse<T>>;
  get<T = unknown>(url: string, options?: Omit<HttpRequestInit, 'body' | 'json'>): Promise<HttpResponse<T>>;
  post<T = unknown>(url: string, options?: HttpRequestInit): Promise<HttpResponse<T>>;
  put<T = unknown>(url: string, options?: HttpRequestInit): Promise<HttpResponse<T>>;
  delete<T = unknown>(url: string, options?: HttpRequestInit): Promise<HttpResponse<T>>;
}

/** How a dropped WebSocket or event stream is reopened; every field has a host default. */
export interface ReconnectOptions {
  /** Delay before the first reconnect (default 500 ms); doubles per failed attempt, 50–100 % jitter. */
  baseDelayMs?: number;
  /** Longest single delay (default 30 000 ms). */
  maxDelayMs?: number;
  /** Failed attempts in a row before giving up (default: never give up). */
  maxAttempts?: number;
}

/**
 * Headers sent when (re)connecting. A function is called before every attempt, so a reconnect
 * can carry a fresh token.
 */
export type ConnectHeaders =
  | Readonly<Record<string, string>>
  | (() => Readonly<Record<string, string>> | Promise<Readonly<Record<string, string>>>);

/** A WebSocket message: text frames as strings, binary frames as bytes. */
export type WebSocketData = string | Uint8Array;

/** Options of {@link PluginWebSockets.connect}. */
export interface WebSocketConnectOptions {
  /** Handshake headers (never logged), e.g. `{ authorization: 'Bearer …' }`. */
  headers?: ConnectHeaders;
  /** Subprotocols offered in the handshake. */
  protocols?: string[];
  /** Deadline of one opening handshake (default 30 000 ms). */
  connectTimeoutMs?: number;
  /** `false` never reconnects. */
  reconnect?: false | ReconnectOptions;
  /**
   * Pings every `intervalMs` (default 30 000); a pong missing after `timeoutMs` (default 10 000)
   * drops the connection and reconnects. `false` sends no pings.
   */
  heartbeat?: false | { intervalMs?: number; timeoutMs?: number };
}

/** Why a WebSocket connection or event stream ended for good. */
export type ConnectionEndReason = 'disconnected' | 'rejected' | 'gave_up' | 'ended';

/**
 * What a WebSocket connection reports, by event name. `close`, `reconnecting`, `open`,
 * `reconnected` repeat for every drop; `ended` comes last and only once.
 */
export interface WebSocketEventMap {
  /** The connection opened: first connect or reconnect. */
  open: { reconnected: boolean };
  message: { data: WebSocketData; binary: boolean };
  /** An open connection closed; `willReconnect` says whether the transport will reopen it. */
  close: { code: number; reason: string; willReconnect: boolean };
  /** A reconnect attempt is scheduled (`attempt` counts from 1 since the last open). */
  reconnecting: { attempt: number; delayMs: number };
  /** A reconnect succeeded; `attempt` is the attempt that did. */
  reconnected: { attempt: number };
  /** A connect attempt failed or the connection broke; a `FaxbotError`. */
  error: { error: Error };
  /**
   * No more events: `disconnected` (you called `disconnect`, or the host stopped the instance),
   * `ended` (the server closed and `reconnect` is `false`), `rejected` (a reconnect handshake was
   * refused with a 4xx), `gave_up` (`maxAttempts` failed reconnects in a row).
   */
  ended: { reason: ConnectionEndReason };
}

/** One of the {@link WebSocketEventMap} names. */
export type WebSocketEventName = keyof WebSocketEventMap;

/**
 * Receives one WebSocket event. Handlers run after the event (never inside the socket's callback),
 * in order; one that throws or rejects is logged and does not affect others.
 */
export type WebSocketEventHandler<E extends WebSocketEventName> = (event: WebSocketEventMap[E]) => void | Promise<void>;

/** Where a connection or stream is. */
export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'closed';

/**
 * WebSocket client connections of one plugin instance (`deps.websockets`), with automatic
 * reconnect and heartbeats. Hosts are limited to the manifest's `requirements.network`. Every
 * open, message and close is also announced on the event bus as `transport.websocket.connected`,
 * `message_received` (size only) and `disconnected`. The host closes all connections when the
 * instance stops.
 *
 * Subscribe right after `connect` resolves, before awaiting anything else: events are delivered
 * on a later turn of the event loop, so those handlers still get the first `open` and the first
 * messages. Send any login or subscription message from an `open` handler: it runs again after
 * every reconnect.
 *
 * @example
 * const id = await deps.websockets.connect('wss://events.example.com/v1', {
 *   headers: () => ({ authorization: `Bearer ${tokens.current()}` }),
 * });
 * deps.websockets.subscribe(id, 'open', () => deps.websockets.send(id, JSON.stringify({ subscribe: 'faxes' })));
 * deps.websockets.subscribe(id, 'message', ({ data }) => this.onProviderEvent(String(data)));
 */
export interface PluginWebSockets {
  /**
   * Opens a connection and resolves with its id once the first handshake succeeded. A first
   * attempt that fails rejects (`NOT_SUPPORTED` egress refused, `PROVIDER_AUTH_FAILED` 401/403,
   * `PROVIDER_REJECTED` other 4xx, `PROVIDER_UNAVAILABLE`, `PROVIDER_TIMEOUT`) and is not retried;
   * later drops reconnect on their own.
   */
  connect(url: string, options?: WebSocketConnectOptions): Promise<string>;
  /**
   * Sends one message; rejects with retryable `PROVIDER_UNAVAILABLE` while not open (nothing is
   * queued), `NOT_SUPPORTED` for an id that never opened or has ended.
   */
  send(connectionId: string, data: WebSocketData): Promise<void>;
  /** Throws `NOT_SUPPORTED` for an id that never opened or has ended. */
  subscribe<E extends WebSocketEventName>(connectionId: string, event: E, handler: WebSocketEventHandler<E>): Unsubscribe;
  /** Where the connection is; `closed` also for an unknown id. */
  state(connectionId: string): ConnectionState;
  /** Closes the connection (code 1000 unless given) and stops reconnecting; harmless for an unknown id. */
  disconnect(connectionId: string, options?: { code?: number; reason?: string }): Promise<void>;
}

/** One Server-Sent Event. */
export interface ServerSentEvent {
  /** The `event:` field, `message` when absent. */
  event: string;
  /** The `data:` lines joined with `\n`. */
  data: string;
  /** The last event id seen on the stream ('' when none), as `Last-Event-ID` will resend it. */
  id: string;
}

/** Options of {@link PluginEventStreams.connect}. */
export interface EventStreamConnectOptions {
  /** Request headers (never logged). */
  headers?: ConnectHeaders;
  /** Resume after this id (sent as `Last-Event-ID` on the first request too), e.g. one you saved. */
  lastEventId?: string;
  /** Deadline for the response headers of one attempt (default 30 000 ms). */
  connectTimeoutMs?: number;
  /** Reconnect when nothing (not even a comment) arrived for this long; default 0, off. */
  idleTimeoutMs?: number;
  /** `false` never reconnects. A server's `retry:` field replaces `baseDelayMs`. */
  reconnect?: false | ReconnectOptions;
}

/** Lifecycle of an event stream, as {@link PluginEventStreams.subscribeStatus} reports it. */
export type EventStreamStatus =
  | { state: 'open'; reconnected: boolean }
  | { state: 'reconnecting'; attempt: number; delayMs: number }
  | { state: 'closed'; reason: ConnectionEndReason };

/**
 * Server-Sent Events clients of one plugin instance (`deps.eventStreams`). A stream that ends or
 * fails (network error, 5xx, 429) is reopened with backoff and `Last-Event-ID`; a 204 ends it
 * (`ended`), other 4xx or a response that is not `text/event-stream` close it (`rejected`). Hosts
 * are limited to the manifest's `requirements.network`. As with WebSockets, subscribe right after
 * `connect` resolves.
 *
 * @example
 * const stream = await deps.eventStreams.connect('https://api.example.com/v1/events', {
 *   headers: { authorization: `Bearer ${config.apiKey}` },
 *   lastEventId: await this.loadCursor(),
 * });
 * deps.eventStreams.subscribe(stream, 'fax.status', async (event) => {
 *   await deps.faxStatus.report(JSON.parse(event.data));
 *   await this.saveCursor(event.id);
 * });
 */
export interface PluginEventStreams {
  /** Opens the stream; resolves with its id once the first response is a `200 text/event-stream`. */
  connect(url: string, options?: EventStreamConnectOptions): Promise<string>;
  /** Receives the events named `event` (`message` for unnamed ones). Throws `NOT_SUPPORTED` for an ended stream. */
  subscribe(streamId: string, event: string, handler: (event: ServerSentEvent) => void | Promise<void>): Unsubscribe;
  /** Receives the stream's lifecycle (the first `open` too, when subscribed right after `connect`). */
  subscribeStatus(streamId: string, handler: (status: EventStreamStatus) => void | Promise<void>): Unsubscribe;
  /** The last event id received ('' when none, or once the stream has ended); save it to resume after a restart. */
  lastEventId(streamId: string): string;
  /** Closes the stream and stops reconnecting; harmless for an unknown id. */
  disconnect(streamId: string): Promise<void>;
}
