import { FaxbotError } from '../errors/faxbot-error';
import type { PluginLogger } from '../contracts/plugin-deps';
import type {
  ConnectHeaders,
  ConnectionState,
  PluginWebSockets,
  WebSocketConnectOptions,
  WebSocketData,
  WebSocketEventHandler,
  WebSocketEventMap,
  WebSocketEventName,
} from '../contracts/transports';
import { checkTestEgress } from './test-egress';

/** One connection the plugin opened through the test `deps.websockets`, as its server sees it. */
export interface TestWebSocketConnection {
  id: string;
  url: string;
  /** Handshake headers of the latest (re)connect. */
  headers: Readonly<Record<string, string>>;
  /** Messages the plugin sent, in order, across reconnects. */
  sent: WebSocketData[];
  state: ConnectionState;
  /** Times the connection opened: 1, plus one per reconnect. */
  opens: number;
}

/**
 * The server side of the test `deps.websockets`: no socket is opened (Node 20 has no WebSocket
 * client and the SDK takes no network dependency); instead the test plays the provider. Each
 * method resolves once the plugin's handlers for what it caused have finished.
 */
export interface TestWebSocketPeer {
  /** Every connection the plugin opened, in order. */
  connections: TestWebSocketConnection[];
  /** The latest connection whose URL starts with `urlPrefix` (any when omitted); throws when there is none. */
  connection(urlPrefix?: string): TestWebSocketConnection;
  /** Delivers a message from the server to the plugin's `message` handlers. */
  push(connectionId: string, data: WebSocketData): Promise<void>;
  /**
   * Drops the connection as a failing server would (`close` with `code`, default 1006). Unless the
   * plugin connected with `reconnect: false` it reconnects at once: `reconnecting`, `open`
   * (`reconnected: true`), `reconnected`; otherwise it ends (`ended`).
   */
  drop(connectionId: string, code?: number): Promise<void>;
}

type Handlers = { [E in WebSocketEventName]: Set<WebSocketEventHandler<E>> };

interface Entry {
  connection: TestWebSocketConnection;
  options: WebSocketConnectOptions;
  handlers: Handlers;
}

async function resolveHeaders(headers: ConnectHeaders | undefined): Promise<Readonly<Record<string, string>>> {
  return typeof headers === 'function' ? await headers() : (headers ?? {});
}

/**
 * `deps.websockets` of {@link createTestDeps} and its {@link TestWebSocketPeer}: the host's egress
 * rule and event order, with the test standing in for the provider's server.
 */
export function createTestWebSockets(options: { allowedHosts: readonly string[]; logger: PluginLogger }): { websockets: PluginWebSockets; peer: TestWebSocketPeer } {
  const entries = new Map<string, Entry>();
  const connections: TestWebSocketConnection[] = [];
  let sequence = 0;

  const entryOf = (id: string): Entry => {
    const entry = entries.get(id);
    if (entry === undefined || entry.connection.state === 'closed') throw new FaxbotError('NOT_SUPPORTED', `no open WebSocket connection ${id}`);
    return entry;
  };
  // Handlers run in order, each on its own: one that fails is logged, as on the host.
  const dispatch = async <E extends WebSocketEventName>(entry: Entry, event: E, payload: WebSocketEventMap[E]): Promise<void> => {
    for (const handler of [...(entry.handlers[event] as Set<WebSocketEventHandler<E>>)]) {
      try {
        await handler(payload);
      } catch (error) {
        options.logger.error('websocket handler failed', { event, reason: error instanceof Error ? error.message : String(error) });
      }
    }
  };

  const websockets: PluginWebSockets = {
    async connect(url, connectOptions = {}) {
      checkTestEgress(url, options.allowedHosts, ['ws:', 'wss:'], options.logger);
      const id = `ws-${++sequence}`;
      const connection: TestWebSocketConnection = { id, url, headers: await resolveHeaders(connectOptions.headers), sent: [], state: 'open', opens: 1 };
      const handlers = { open: new Set(), message: new Set(), close: new Set(), reconnecting: new Set(), reconnected: new Set(), error: new Set(), ended: new Set() } as Handlers;
      const entry: Entry = { connection, options: connectOptions, handlers };
      entries.set(id, entry);
      connections.push(connection);
      // As on the host: the first `open` comes on a later turn, so handlers subscribed right after connect see it.
      setImmediate(() => void dispatch(entry, 'open', { reconnected: false }));
      return id;
    },
    async send(connectionId, data) {
      const entry = entryOf(connectionId);
      if (entry.connection.state !== 'open') throw new FaxbotError('PROVIDER_UNAVAILABLE', 'connection is not open', { retryable: true });
      entry.connection.sent.push(data);
    },
    subscribe(connectionId, event, handler) {
      const set = entryOf(connectionId).handlers[event] as Set<typeof handler>;
      const wrapped: typeof handler = (payload) => handler(payload);
      set.add(wrapped);
      return () => void set.delete(wrapped);
    },
    state: (connectionId) => entries.get(connectionId)?.connection.state ?? 'closed',
    async disconnect(connectionId, disconnectOptions = {}) {
      const entry = entries.get(connectionId);
      if (entry === undefined || entry.connection.state === 'closed') return;
      entry.connection.state = 'closed';
      await dispatch(entry, 'close', { code: disconnectOptions.code ?? 1000, reason: disconnectOptions.reason ?? '', willReconnect: false });
      await dispatch(entry, 'ended', { reason: 'disconnected' });
    },
  };

  const peer: TestWebSocketPeer = {
    connections,
    connection(urlPrefix = '') {
      const found = [...connections].reverse().find((connection) => connection.url.startsWith(urlPrefix));
      if (found === undefined) throw new Error(`the plugin opened no WebSocket connection to ${urlPrefix || 'anywhere'}`);
      return found;
    },
    async push(connectionId, data) {
      const entry = entryOf(connectionId);
      await dispatch(entry, 'message', { data, binary: typeof data !== 'string' });
    },
    async drop(connectionId, code = 1006) {
      const entry = entryOf(connectionId);
      const willReconnect = entry.options.reconnect !== false;
      entry.connection.state = willReconnect ? 'reconnecting' : 'closed';
      await dispatch(entry, 'close', { code, reason: '', willReconnect });
      if (!willReconnect) {
        await dispatch(entry, 'ended', { reason: 'ended' });
        return;
      }
      await dispatch(entry, 'reconnecting', { attempt: 1, delayMs: 0 });
      entry.connection.headers = await resolveHeaders(entry.options.headers);
      entry.connection.state = 'open';
      entry.connection.opens += 1;
      await dispatch(entry, 'open', { reconnected: true });
      await dispatch(entry, 'reconnected', { attempt: 1 });
    },
  };
  return { websockets, peer };
}
