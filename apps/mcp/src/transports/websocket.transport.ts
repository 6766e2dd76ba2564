import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { createClientAuthenticator } from '../auth/client.authenticator';
import type { VerifiedClient } from '../auth/verified-client';
import { startGuardedHttpServer } from '../http/guarded-http.server';
import { HttpProblem, sendProblemOnSocket } from '../http/http-problem';
import { SessionRegistry } from '../http/session.registry';
import type { RunningHttpTransport, StreamableHttpOptions } from './streamable-http.transport';
import { WebSocketSessionTransport, WS_CLOSE } from './websocket-session.transport';

const WS_PATH = '/ws';
/** The subprotocol the SDK's `WebSocketClientTransport` asks for. */
const SUBPROTOCOL = 'mcp';
// Longest wait Node's timers allow; a token valid for longer is re-checked by nothing else anyway.
const MAX_TIMER_MS = 2 ** 31 - 1;
// How long closing sockets get to answer the close handshake at shutdown.
const SHUTDOWN_GRACE_MS = 1_000;

/**
 * Serves MCP over WebSocket at `/ws` (`ws://host:port/ws`, subprotocol `mcp`): one MCP server per
 * connection, one JSON-RPC message per text frame. The upgrade request passes the same checks as
 * Streamable HTTP (Host, Origin, credential — browsers cannot send headers on a WebSocket, so
 * this transport serves programs); messages are limited to `maxBodyBytes` (larger ones close the
 * connection with 1009); a ping every `wsPingIntervalMs` drops peers that stopped answering; a
 * connection opened with an OAuth token is closed (1008) when the token expires.
 *
 * @example
 * const ws = await startWebSocketTransport({ config: config.http, createServer: () => createServer(deps), logger, version });
 * logger.info('listening', { url: ws.url }); // ws://127.0.0.1:3001/ws
 */
export async function startWebSocketTransport(options: StreamableHttpOptions): Promise<RunningHttpTransport> {
  const { config, logger } = options;
  const sessions = new SessionRegistry<WebSocketSessionTransport>({ idleMs: config.sessionIdleMs, maxSessions: config.maxSessions });
  const alive = new WeakMap<WebSocket, boolean>();
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: config.maxBodyBytes,
    perMessageDeflate: false,
    handleProtocols: (protocols) => (protocols.has(SUBPROTOCOL) ? SUBPROTOCOL : false),
  });
  const toleranceMs = (config.oauth?.clockToleranceSeconds ?? 0) * 1000;

  function expireAt(transport: WebSocketSessionTransport, client: VerifiedClient): NodeJS.Timeout | undefined {
    if (client.expiresAt === undefined) return undefined;
    const timer = setTimeout(() => {
      logger.info('websocket closed', { session: transport.sessionId.slice(0, 8), reason: 'token_expired' });
      transport.closeWith(WS_CLOSE.policyViolation, 'access token expired');
    }, Math.min(MAX_TIMER_MS, Math.max(0, client.expiresAt + toleranceMs - Date.now())));
    timer.unref();
    return timer;
  }

  function onConnection(socket: WebSocket, client: VerifiedClient): void {
    alive.set(socket, true);
    socket.on('pong', () => alive.set(socket, true));
    // Every message marks the session used, for the idle limit.
    const transport: WebSocketSessionTransport = new WebSocketSessionTransport(socket, () => sessions.use(transport.sessionId, client.keyId));
    const session = transport.sessionId.slice(0, 8);
    const server = options.createServer();
    const expiry = expireAt(transport, client);
    socket.once('close', (code: number) => logger.info('websocket closed', { session, code }));
    transport.onerror = (error) => logger.info('websocket error', { session, error });
    transport.onclose = () => {
      clearTimeout(expiry);
      sessions.remove(transport.sessionId);
      logger.info('session closed', { session, open: sessions.size });
      void server.close().catch(() => undefined);
    };
    sessions.add(transport.sessionId, { transport, server, keyId: client.keyId, lastSeen: Date.now() });
    logger.info('session opened', { session, client: client.keyId, auth: client.method, open: sessions.size });
    server.connect(transport).catch((error: unknown) => {
      logger.error('websocket session failed', { session, error });
      transport.closeWith(WS_CLOSE.goingAway, 'server error');
    });
  }

  function accept(request: IncomingMessage, socket: Duplex, head: Buffer, client: VerifiedClient): void {
    if (sessions.full) {
      logger.warn('http request refused', { reason: 'too_many_sessions', upgrade: true });
      sendProblemOnSocket(socket, new HttpProblem(503, 'Service Unavailable: too many open connections', { 'Retry-After': '30' }));
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => onConnection(ws, client));
  }

  // A plain GET on the endpoint (after the same checks) is told how to connect.
  async function notUpgraded(_request: IncomingMessage, _response: ServerResponse): Promise<void> {
    throw new HttpProblem(426, 'Upgrade Required: connect with a WebSocket client (subprotocol "mcp")', { Upgrade: 'websocket', Connection: 'Upgrade' });
  }

  const heartbeat = setInterval(() => {
    for (const socket of wss.clients) {
      if (alive.get(socket) === false) {
        logger.info('websocket closed', { reason: 'no_pong' });
        socket.terminate();
        continue;
      }
      alive.set(socket, false);
      socket.ping();
    }
  }, config.wsPingIntervalMs);
  heartbeat.unref();

  const http = await startGuardedHttpServer({
    config,
    authenticate: options.authenticate ?? createClientAuthenticator({ apiKeys: config.apiKeys, oauth: config.oauth }),
    logger,
    version: options.version,
    transport: 'websocket',
    routes: { [WS_PATH]: notUpgraded },
    upgrade: { path: WS_PATH, accept },
  });
  return {
    url: `${http.origin.replace(/^http/, 'ws')}${WS_PATH}`,
    sessions: () => sessions.size,
    async close() {
      clearInterval(heartbeat);
      const sockets = [...wss.clients];
      for (const socket of sockets) socket.close(WS_CLOSE.goingAway, 'server shutting down');
      await Promise.race([
        Promise.all(sockets.map((socket) => new Promise((resolve) => (socket.readyState === socket.CLOSED ? resolve(undefined) : socket.once('close', resolve))))),
        new Promise((resolve) => setTimeout(resolve, SHUTDOWN_GRACE_MS).unref()),
      ]);
      for (const socket of wss.clients) socket.terminate();
      await sessions.closeAll();
      await new Promise((resolve) => wss.close(resolve));
      await http.close();
    },
  };
}
