export { createPluginTransports, type PluginTransports, type PluginTransportsOptions } from './plugin-transports';
export { createHttpClient, type HttpClient, type HttpClientOptions, type HttpClientDefaults } from './http/http-client';
export { HttpFailureError } from './http/http-failure';
export {
  createWebSocketTransport,
  type WebSocketTransport,
  type WebSocketTransportOptions,
  type WebSocketTransportDefaults,
} from './websocket/websocket-transport';
export {
  createEventStreamClient,
  type EventStreamClient,
  type EventStreamClientOptions,
  type EventStreamClientDefaults,
} from './sse/event-stream-client';
export { SseParser } from './sse/sse-parser';
export { createEgressPolicy, type EgressPolicy, type EgressTarget } from './egress/egress-policy';
export { backoffDelay, type BackoffOptions } from './retry/backoff';
export { parseRetryAfter } from './retry/retry-after';
export type { TransportContext, TransportEventEmitter, TransportEventType } from './shared/transport-context';
