import { randomUUID } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { McpHttpConfig } from '../config/mcp-config';
import { createApiKeyVerifier, presentedKey, type VerifiedClient } from '../http/api-key.verifier';
import { isAllowedHost } from '../http/host-header.validator';
import { HttpProblem, sendProblem } from '../http/http-problem';
import { readJsonBody } from '../http/json-body.reader';
import { applyCors, judgeOrigin } from '../http/origin.policy';
import { SessionRegistry } from '../http/session.registry';
import type { Logger } from '../logging/stderr.logger';
import { createStreamableHttpTransport, isInitializeRequest, type McpServerHandle } from '../sdk/mcp-sdk.adapter';

/** What {@link startStreamableHttpTransport} needs. */
export interface StreamableHttpOptions {
  config: McpHttpConfig;
  /** Creates one MCP server per session. */
  createServer: () => McpServerHandle;
  logger: Logger;
  version: string;
}

/** A running Streamable HTTP endpoint. */
export interface RunningHttpTransport {
  /** The MCP endpoint, e.g. `http://127.0.0.1:3001/mcp`. */
  url: string;
  /** Open sessions right now. */
  sessions(): number;
  /** Closes every session and stops listening. */
  close(): Promise<void>;
}

const MCP_PATH = '/mcp';
const SESSION_HEADER = 'mcp-session-id';

function pathOf(request: IncomingMessage): string {
  return new URL(request.url ?? '/', 'http://localhost').pathname;
}

function sessionIdOf(request: IncomingMessage): string | undefined {
  const value = request.headers[SESSION_HEADER];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

const unauthorized = (): HttpProblem =>
  new HttpProblem(401, 'Unauthorized: send "Authorization: Bearer <key>" with a key from MCP_HTTP_API_KEYS', { 'WWW-Authenticate': 'Bearer realm="faxbot-mcp"' }, -32001);
const unknownSession = (): HttpProblem => new HttpProblem(404, 'Session not found', {}, -32001);

/**
 * Serves MCP over Streamable HTTP on `POST/GET/DELETE /mcp` with our own `node:http` server, in
 * this order: Host header (DNS-rebinding protection, 403), Origin (403; CORS for allowed
 * origins), API key (401), body size (413) and JSON (400), then the session's SDK transport.
 * `GET /health` answers without a key. Each session gets its own MCP server.
 *
 * @example
 * const http = await startStreamableHttpTransport({ config: config.http, createServer: () => createServer(deps), logger, version });
 * logger.info('listening', { url: http.url });
 */
export async function startStreamableHttpTransport(options: StreamableHttpOptions): Promise<RunningHttpTransport> {
  const { config, logger } = options;
  const verify = createApiKeyVerifier(config.apiKeys);
  const sessions = new SessionRegistry({ idleMs: config.sessionIdleMs, maxSessions: config.maxSessions });

  async function openSession(client: VerifiedClient, request: IncomingMessage, response: ServerResponse, body: unknown): Promise<void> {
    if (sessions.full) throw new HttpProblem(503, 'Service Unavailable: too many open sessions', { 'Retry-After': '30' });
    const server = options.createServer();
    const transport = createStreamableHttpTransport({
      newSessionId: randomUUID,
      onSessionInitialized: (sessionId) => {
        sessions.add(sessionId, { transport, server, keyId: client.keyId, lastSeen: Date.now() });
        logger.info('session opened', { session: sessionId.slice(0, 8), client: client.keyId, open: sessions.size });
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

  async function handleMcp(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const client = verify(presentedKey(request));
    if (client === null) {
      logger.warn('http request refused', { reason: 'unauthorized' });
      throw unauthorized();
    }
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

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Cache-Control', 'no-store');
    if (!isAllowedHost(request.headers.host, config.allowedHosts)) {
      logger.warn('http request refused', { reason: 'host_not_allowed' });
      throw new HttpProblem(403, 'Forbidden: Host header is not allowed');
    }
    const path = pathOf(request);
    if (path === '/health' && request.method === 'GET') {
      const body = JSON.stringify({ status: 'ok', transport: 'streamable-http', server: 'faxbot-mcp', version: options.version });
      response.writeHead(200, { 'Content-Type': 'application/json' }).end(body);
      return;
    }
    if (path !== MCP_PATH) throw new HttpProblem(404, 'Not Found');
    const origin = request.headers.origin;
    const decision = judgeOrigin(origin, config.allowedOrigins);
    if (decision === 'refused') {
      logger.warn('http request refused', { reason: 'origin_not_allowed' });
      throw new HttpProblem(403, 'Forbidden: Origin is not allowed');
    }
    if (decision === 'allowed') applyCors(response, origin as string, request.method === 'OPTIONS');
    if (request.method === 'OPTIONS') {
      response.writeHead(204).end();
      return;
    }
    await handleMcp(request, response);
  }

  const server = createHttpServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (error instanceof HttpProblem) return sendProblem(response, error);
      logger.error('http request failed', { error });
      sendProblem(response, new HttpProblem(500, 'Internal Server Error', {}, -32603));
    });
  });
  server.headersTimeout = 15_000;
  server.requestTimeout = 120_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `http://${host}:${address.port}${MCP_PATH}`,
    sessions: () => sessions.size,
    async close() {
      await sessions.closeAll();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
