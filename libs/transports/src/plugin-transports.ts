import { createHttpClient, type HttpClient, type HttpClientDefaults } from './http/http-client';
import type { TransportContext } from './shared/transport-context';
import { createEventStreamClient, type EventStreamClient, type EventStreamClientDefaults } from './sse/event-stream-client';
import { createWebSocketTransport, type WebSocketTransport, type WebSocketTransportDefaults } from './websocket/websocket-transport';

/** Options of {@link createPluginTransports}: one instance's context, and defaults per transport. */
export interface PluginTransportsOptions extends TransportContext {
  http?: HttpClientDefaults;
  websockets?: WebSocketTransportDefaults;
  eventStreams?: EventStreamClientDefaults;
}

/** The three clients of one plugin instance, for `deps.http`, `deps.websockets`, `deps.eventStreams`. */
export interface PluginTransports {
  http: HttpClient;
  websockets: WebSocketTransport;
  eventStreams: EventStreamClient;
  /** Closes all three; call it when the instance stops. */
  close(): Promise<void>;
}

/**
 * Builds all three transports of one plugin instance from the same context.
 *
 * @example
 * const transports = createPluginTransports({
 *   pluginId: manifest.id, instanceId, allowedHosts: manifest.requirements?.network ?? [],
 *   logger: deps.logger, emit: (type, payload) => bus.emitCore(type, payload),
 * });
 * const deps = { ...baseDeps, http: transports.http, websockets: transports.websockets, eventStreams: transports.eventStreams };
 * // on stop:
 * await transports.close();
 */
export function createPluginTransports(options: PluginTransportsOptions): PluginTransports {
  const { http, websockets, eventStreams, ...context } = options;
  const transports = {
    http: createHttpClient({ ...context, defaults: http }),
    websockets: createWebSocketTransport({ ...context, defaults: websockets }),
    eventStreams: createEventStreamClient({ ...context, defaults: eventStreams }),
  };
  return {
    ...transports,
    async close(): Promise<void> {
      await Promise.all([transports.http.close(), transports.websockets.close(), transports.eventStreams.close()]);
    },
  };
}
