import type { IncomingMessage, ServerResponse } from 'node:http';
import { createClientAuthenticator } from '../auth/client.authenticator';
import type { VerifiedClient } from '../auth/verified-client';
import { startGuardedHttpServer } from '../http/guarded-http.server';
import { HttpProblem } from '../http/http-problem';
import { readJsonBody } from '../http/json-body.reader';
import { SessionRegistry } from '../http/session.registry';
import { createSseTransport, parseJsonRpcMessage, type SseSessionTransport } from '../sdk/mcp-sdk.adapter';
import type { RunningHttpTransport, StreamableHttpOptions } from './streamable-http.transport';

const SSE_PATH = '/sse';
const MESSAGES_PATH = '/messages';
// Proxies drop connections that stay silent; an SSE comment line every 15 s keeps the stream open.
const KEEPALIVE_MS = 15_000;

const unknownSession = (): HttpProblem => new HttpProblem(404, 'Session not found', {}, -32001);

/**
 * Serves MCP over the legacy HTTP+SSE transport (protocol 2024-11-05), for clients that do not
 * speak Streamable HTTP yet: `GET /sse` opens a session's event stream, whose first event names
 * `/messages?sessionId=<id>`, where the client POSTs its messages (answered `202`; replies come on
 * the stream). Every request passes the same checks as Streamable HTTP (Host, Origin/CORS,
 * credential, body size); a session can only be posted to with the credential that opened it.
 *
 * @example
 * const sse = await startSseTransport({ config: config.http, createServer: () => createServer(deps), logger, version });
 * logger.info('listening', { url: sse.url }); // http://127.0.0.1:3001/sse
 */
export async function startSseTransport(options: StreamableHttpOptions): Promise<RunningHttpTransport> {
  const { config, logger } = options;
  const sessions = new SessionRegistry<SseSessionTransport>({ idleMs: config.sessionIdleMs, maxSessions: config.maxSessions });

  async function openStream(request: IncomingMessage, response: ServerResponse, client: VerifiedClient): Promise<void> {
    if (request.method !== 'GET') throw new HttpProblem(405, 'Method Not Allowed', { Allow: 'GET, OPTIONS' });
    if (sessions.full) throw new HttpProblem(503, 'Service Unavailable: too many open sessions', { 'Retry-After': '30' });
    const server = options.createServer();
    const transport = createSseTransport(MESSAGES_PATH, response);
    const session = transport.sessionId.slice(0, 8);
    let open = true;
    const keepalive = setInterval(() => response.write(': keepalive\n\n'), KEEPALIVE_MS);
    keepalive.unref();
    // The SDK reports a close twice when the server ends the stream (close() and the response's close event).
    transport.onclose = () => {
      if (!open) return;
      open = false;
      clearInterval(keepalive);
      sessions.remove(transport.sessionId);
      logger.info('session closed', { session, open: sessions.size });
      void server.close().catch(() => undefined);
    };
    response.setHeader('X-Accel-Buffering', 'no');
    sessions.add(transport.sessionId, { transport, server, keyId: client.keyId, lastSeen: Date.now() });
    await server.connect(transport);
    logger.info('session opened', { session, client: client.keyId, auth: client.method, open: sessions.size });
  }

  async function postMessage(request: IncomingMessage, response: ServerResponse, client: VerifiedClient): Promise<void> {
    if (request.method !== 'POST') throw new HttpProblem(405, 'Method Not Allowed', { Allow: 'POST, OPTIONS' });
    const sessionId = new URL(request.url ?? '/', 'http://localhost').searchParams.get('sessionId');
    if (sessionId === null || sessionId === '') throw new HttpProblem(400, 'Bad Request: the sessionId query parameter is required');
    const entry = sessions.use(sessionId, client.keyId);
    if (entry === undefined) throw unknownSession();
    const body = await readJsonBody(request, config.maxBodyBytes);
    // Checked here so that a refusal never echoes the body back, as the SDK's own message would.
    if (parseJsonRpcMessage(body) === null) throw new HttpProblem(400, 'Invalid Request: the body is not a JSON-RPC 2.0 message', {}, -32600);
    await entry.transport.handlePostMessage(request, response, body);
  }

  const http = await startGuardedHttpServer({
    config,
    authenticate: options.authenticate ?? createClientAuthenticator({ apiKeys: config.apiKeys, oauth: config.oauth }),
    logger,
    version: options.version,
    transport: 'sse',
    routes: { [SSE_PATH]: openStream, [MESSAGES_PATH]: postMessage },
  });
  return {
    url: `${http.origin}${SSE_PATH}`,
    sessions: () => sessions.size,
    async close() {
      await sessions.closeAll();
      await http.close();
    },
  };
}
