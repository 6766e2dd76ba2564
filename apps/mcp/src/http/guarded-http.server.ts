import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { ClientAuthenticator } from '../auth/client.authenticator';
import type { VerifiedClient } from '../auth/verified-client';
import type { McpHttpConfig } from '../config/mcp-config';
import type { Logger } from '../logging/stderr.logger';
import { authProblem } from './auth-problem';
import { isAllowedHost } from './host-header.validator';
import { HttpProblem, sendProblem, sendProblemOnSocket } from './http-problem';
import { applyCors, judgeOrigin } from './origin.policy';

/** Handles an authenticated request on one path. */
export type GuardedRoute = (request: IncomingMessage, response: ServerResponse, client: VerifiedClient) => Promise<void>;

/** Takes over an authenticated WebSocket upgrade request on one path. */
export interface GuardedUpgrade {
  path: string;
  accept(request: IncomingMessage, socket: Duplex, head: Buffer, client: VerifiedClient): void;
}

/** What {@link startGuardedHttpServer} needs. */
export interface GuardedHttpServerOptions {
  config: McpHttpConfig;
  authenticate: ClientAuthenticator;
  logger: Logger;
  version: string;
  /** The transport's name in `/health` answers. */
  transport: 'streamable-http' | 'sse' | 'websocket';
  /** Authenticated routes by path. */
  routes: Record<string, GuardedRoute>;
  upgrade?: GuardedUpgrade;
}

/** A listening guarded server. */
export interface GuardedHttpServer {
  /** `http://host:port`, with the address actually bound. */
  origin: string;
  server: Server;
  /** Stops listening and drops open connections (upgraded sockets belong to their transport). */
  close(): Promise<void>;
}

function pathOf(request: IncomingMessage): string {
  return new URL(request.url ?? '/', 'http://localhost').pathname;
}

/**
 * The `node:http` server every HTTP-based transport runs on. Each request passes, in this order:
 * the Host header (DNS-rebinding protection, 403), `GET /health` (answered without a credential),
 * the path (404), the Origin (403; CORS headers for allowed origins, preflights answered), the
 * credential (401, or 503 when token keys cannot be fetched); then the route. WebSocket upgrades
 * pass the same checks before the transport takes the socket.
 *
 * @example
 * const http = await startGuardedHttpServer({ config, authenticate, logger, version, transport: 'sse', routes: { '/sse': openStream } });
 */
export async function startGuardedHttpServer(options: GuardedHttpServerOptions): Promise<GuardedHttpServer> {
  const { config, logger } = options;

  function refuse(reason: string, problem: HttpProblem, fields: Record<string, unknown> = {}): never {
    logger.warn('http request refused', { reason, ...fields });
    throw problem;
  }

  // The checks shared by requests and upgrades; returns the verified client.
  async function admit(request: IncomingMessage, upgrade: boolean, response?: ServerResponse): Promise<VerifiedClient> {
    const origin = request.headers.origin;
    const decision = judgeOrigin(origin, config.allowedOrigins);
    if (decision === 'refused') refuse('origin_not_allowed', new HttpProblem(403, 'Forbidden: Origin is not allowed'), { upgrade });
    if (decision === 'allowed' && response !== undefined) applyCors(response, origin as string, request.method === 'OPTIONS');
    const check = await options.authenticate(request);
    if (!check.ok) refuse('unauthorized', authProblem(check.failure), { auth: check.failure.reason, upgrade });
    return check.client;
  }

  function checkHost(request: IncomingMessage, upgrade: boolean): void {
    if (!isAllowedHost(request.headers.host, config.allowedHosts)) refuse('host_not_allowed', new HttpProblem(403, 'Forbidden: Host header is not allowed'), { upgrade });
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Cache-Control', 'no-store');
    checkHost(request, false);
    const path = pathOf(request);
    if (path === '/health' && request.method === 'GET') {
      const body = JSON.stringify({ status: 'ok', transport: options.transport, server: 'faxbot-mcp', version: options.version });
      response.writeHead(200, { 'Content-Type': 'application/json' }).end(body);
      return;
    }
    const route = options.routes[path];
    if (route === undefined) throw new HttpProblem(404, 'Not Found');
    if (request.method === 'OPTIONS') {
      // A preflight carries no credential; only the Origin is judged.
      if (judgeOrigin(request.headers.origin, config.allowedOrigins) === 'refused') refuse('origin_not_allowed', new HttpProblem(403, 'Forbidden: Origin is not allowed'), { upgrade: false });
      if (request.headers.origin) applyCors(response, request.headers.origin, true);
      response.writeHead(204).end();
      return;
    }
    const client = await admit(request, false, response);
    await route(request, response, client);
  }

  async function handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    checkHost(request, true);
    if (options.upgrade === undefined || pathOf(request) !== options.upgrade.path) throw new HttpProblem(404, 'Not Found');
    const client = await admit(request, true);
    // The client may have gone while its token was checked.
    if (socket.destroyed) return;
    options.upgrade.accept(request, socket, head, client);
  }

  const fail = (error: unknown): HttpProblem => {
    if (error instanceof HttpProblem) return error;
    logger.error('http request failed', { error });
    return new HttpProblem(500, 'Internal Server Error', {}, -32603);
  };

  const server = createHttpServer((request, response) => {
    handle(request, response).catch((error: unknown) => sendProblem(response, fail(error)));
  });
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    handleUpgrade(request, socket, head).catch((error: unknown) => sendProblemOnSocket(socket, fail(error)));
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
    origin: `http://${host}:${address.port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
