import { randomUUID } from 'node:crypto';
import type { PluginWebSockets, ReconnectOptions, WebSocketConnectOptions } from '@faxbot/plugin-sdk';
import { checkEgress } from '../egress/check-egress';
import { createEgressPolicy } from '../egress/egress-policy';
import { resolveReconnect } from '../shared/reconnect-settings';
import { defaultUserAgent, type TransportContext } from '../shared/transport-context';
import { transportError } from '../shared/transport-error';
import { ManagedWebSocket } from './managed-websocket';

/** Transport-wide settings; a connection's own options win. */
export interface WebSocketTransportDefaults {
  /** Deadline of one opening handshake (default 30 000 ms). */
  connectTimeoutMs?: number;
  /** Default 500 ms first delay, 30 000 ms cap, never give up. */
  reconnect?: ReconnectOptions;
  /** Default ping every 30 000 ms, pong expected within 10 000 ms. */
  heartbeat?: { intervalMs?: number; timeoutMs?: number };
  /** Largest message accepted (default 16 MiB); a bigger one closes the connection (1009). */
  maxMessageBytes?: number;
}

/** Options of {@link createWebSocketTransport}. */
export interface WebSocketTransportOptions extends TransportContext {
  defaults?: WebSocketTransportDefaults;
}

/** The SDK's `PluginWebSockets`, plus `close()` for the host. */
export interface WebSocketTransport extends PluginWebSockets {
  /** Disconnects every connection and refuses new ones. */
  close(): Promise<void>;
}

/**
 * Builds the WebSocket client of one plugin instance (the host hands it out as
 * `deps.websockets`), on the `ws` package: egress allowlist (`ws:`/`wss:` only), reconnects with
 * backoff and jitter, heartbeats, and the `transport.websocket.*` catalogue events.
 *
 * @example
 * const sockets = createWebSocketTransport({ pluginId: 'acme', instanceId: 'acme', allowedHosts: ['events.acme.test'], logger, emit });
 * const id = await sockets.connect('wss://events.acme.test/v1', { headers: { authorization: `Bearer ${token}` } });
 * sockets.subscribe(id, 'message', ({ data }) => handle(data));
 * await sockets.close();
 */
export function createWebSocketTransport(options: WebSocketTransportOptions): WebSocketTransport {
  const policy = createEgressPolicy(options.allowedHosts);
  const defaults = options.defaults ?? {};
  const connections = new Map<string, ManagedWebSocket>();
  let closed = false;

  const find = (connectionId: string): ManagedWebSocket => {
    const connection = connections.get(connectionId);
    if (connection === undefined) throw transportError('NOT_SUPPORTED', 'no websocket connection with this id (never opened, or ended)');
    return connection;
  };

  return {
    async connect(url: string, connectOptions: WebSocketConnectOptions = {}): Promise<string> {
      if (closed) throw transportError('NOT_SUPPORTED', 'the websocket transport is closed');
      const target = checkEgress(url, { policy, schemes: ['ws:', 'wss:'], transport: 'websocket', logger: options.logger });
      const heartbeat = connectOptions.heartbeat === false ? null : { ...defaults.heartbeat, ...connectOptions.heartbeat };
      const id = randomUUID();
      const connection = new ManagedWebSocket({
        id,
        url: target,
        context: options,
        userAgent: defaultUserAgent(options),
        headers: connectOptions.headers,
        protocols: connectOptions.protocols ?? [],
        connectTimeoutMs: connectOptions.connectTimeoutMs ?? defaults.connectTimeoutMs ?? 30_000,
        reconnect: resolveReconnect(connectOptions.reconnect, defaults.reconnect),
        heartbeat: heartbeat === null ? null : { intervalMs: heartbeat.intervalMs ?? 30_000, timeoutMs: heartbeat.timeoutMs ?? 10_000 },
        maxMessageBytes: defaults.maxMessageBytes ?? 16 * 1024 * 1024,
        onEnded: () => connections.delete(id),
      });
      connections.set(id, connection);
      await connection.start();
      return id;
    },
    send: (connectionId, data) => {
      try {
        return find(connectionId).send(data);
      } catch (error) {
        return Promise.reject(error);
      }
    },
    subscribe: (connectionId, event, handler) => find(connectionId).subscribe(event, handler),
    state: (connectionId) => connections.get(connectionId)?.state ?? 'closed',
    disconnect: async (connectionId, disconnectOptions = {}) => {
      await connections.get(connectionId)?.stop(disconnectOptions.code, disconnectOptions.reason);
    },
    async close(): Promise<void> {
      closed = true;
      await Promise.all([...connections.values()].map((connection) => connection.stop(1001, 'going away')));
    },
  };
}
