import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createClientAuthenticator, type ClientAuthenticator } from '../auth/client.authenticator';
import type { VerifiedClient } from '../auth/verified-client';
import type { McpHttpConfig } from '../config/mcp-config';
import { startGuardedHttpServer } from '../http/guarded-http.server';
import { HttpProblem } from '../http/http-problem';
import { readJsonBody } from '../http/json-body.reader';
import { SessionRegistry } from '../http/session.registry';
import type { Logger } from '../logging/stderr.logger';
import { createStreamableHttpTransport, isInitializeRequest, type McpServerHandle } from '../sdk/mcp-sdk.adapter';

/** What the HTTP-based transports (Streamable HTTP, SSE, WebSocket) need. */
export interface StreamableHttpOptions {
  config: McpHttpConfig;
  /** Creates one MCP server per session. */
  createServer: () => McpServerHandle;
  logger: Logger;
  version: string;
  /** Checks credentials; by default API keys and OAuth tokens as configured in `config`. */
  authenticate?: ClientAuthenticator;
}

/** A running HTTP-based endpoint. */
export interface RunningHttpTransport {
  /** The endpoint clients connect to, e.g. `http://127.0.0.1:3001/mcp`. */
  url: string;
  /** Open sessions (or connections) right now. */
  sessions(): number;
  /** Closes every session and stops listening. */
  close(): Promise<void>;
}

const MCP_PATH = '/mcp';
const SESSION_HEADER = 'mcp-session-id';

function sessionIdOf(request: IncomingMessage): string | undefined {
  const value = request.headers[SESSION_HEADER];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

const unknownSession = (): HttpProblem => new HttpProblem(404, 'Session not found', {}, -32001);

/**
 * Serves MCP over Streamable HTTP on `POST/GET/DELETE /mcp`. Requests first pass the guarded
 * server's checks (Host, Origin/CORS, credential; see `startGuardedHttpServer`), then the body size
 * (413) and JSON (400), then reach the session's SDK transport. `GET /health` answers without a
 * credential. Each session gets its own MCP server and is bound to the client that opened it.
 *
 * @example
 * const http = await startStreamableHttpTransport({ config: config.http, createServer: () => createServer(deps), logger, version });
 * logger.info('listening', { url: http.url });
 */
export async function startStreamableHttpTransport(options: StreamableHttpOptions): Promise<RunningHttpTransport> {
  const { config, logger } = options;
  const sessions = new SessionRegistry({ idleMs: config.sessionIdleMs, maxSessions: config.maxSessions });

  async function openSession(client: VerifiedClient, request: IncomingMessage, response: ServerResponse, body: unknown): Promise<void> {
    if (sessions.full) throw new HttpProblem(503, 'Service Unavailable: too many open sessions', { 'Retry-After': '30' });
    const server = options.createServer();
    const transport = createStreamableHttpTransport({
      newSessionId: randomUUID,
      onSessionInitialized: (sessionId) => {
        sessions.add(sessionId, { transport, server, keyId: client.keyId, lastSeen: Date.now() });
        logger.info('session opened', { session: sessionId.slice(0, 8), client: client.keyId, auth: client.method, open: sessions.size });
      },
    });
    transport.onclose = () => {
      if (transport.sessionId === undefined) return;
      sessions.remove(transport.sessionId);
      logger.info('session closed', { session: transport.sessionId.slice(0, 8), open: sessions.size });
    };
    await server.connect(transport);
    await transport.handleRequest(request, response, body);
    // An initialize the SDK refused (e.g. an unsupported protocol version) opened no session.
    if (transport.sessionId === undefined) await server.close();
  }

  async function handleMcp(request: IncomingMessage, response: ServerResponse, client: VerifiedClient): Promise<void> {
    const sessionId = sessionIdOf(request);
    if (request.method === 'POST') {
      const body = await readJsonBody(request, config.maxBodyBytes);
      if (sessionId !== undefined) {
        const session = sessions.use(sessionId, client.keyId);
        if (session === undefined) throw unknownSession();
        return session.transport.handleRequest(request, response, body);
      }
      if (isInitializeRequest(body)) return openSession(client, request, response, body);
      throw new HttpProblem(400, 'Bad Request: no valid session id; start with an initialize request');
    }
    if (request.method === 'GET' || request.method === 'DELETE') {
      if (sessionId === undefined) throw new HttpProblem(400, 'Bad Request: Mcp-Session-Id header is required');
      const session = sessions.use(sessionId, client.keyId);
      if (session === undefined) throw unknownSession();
      return session.transport.handleRequest(request, response);
    }
    throw new HttpProblem(405, 'Method Not Allowed', { Allow: 'GET, POST, DELETE, OPTIONS' });
  }

  const http = await startGuardedHttpServer({
    config,
    authenticate: options.authenticate ?? createClientAuthenticator({ apiKeys: config.apiKeys, oauth: config.oauth }),
    logger,
    version: options.version,
    transport: 'streamable-http',
    routes: { [MCP_PATH]: handleMcp },
  });
  return {
    url: `${http.origin}${MCP_PATH}`,
    sessions: () => sessions.size,
    async close() {
      await sessions.closeAll();
      await http.close();
    },
  };
}
