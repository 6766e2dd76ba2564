import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the loopback server received. */
export interface RecordedRequest {
  method: string;
  /** Path and query, as sent. */
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A real HTTP server on 127.0.0.1 that counts TCP connections and records requests. */
export interface LoopbackServer {
  server: http.Server;
  port: number;
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** TCP connections accepted so far. */
  connections(): number;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/**
 * Starts a server whose `handler` gets each request (with its zero-based index and body read).
 *
 * @example
 * const server = await startLoopbackServer((req, res) => res.end('ok'));
 */
export async function startLoopbackServer(
  handler: (request: RecordedRequest, response: http.ServerResponse, index: number) => void,
): Promise<LoopbackServer> {
  let connections = 0;
  const requests: RecordedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const recorded: RecordedRequest = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(recorded);
      handler(recorded, res, requests.length - 1);
    });
  });
  server.on('connection', () => {
    connections += 1;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    server,
    port,
    origin: `http://127.0.0.1:${port}`,
    connections: () => connections,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Resolves once `condition` holds, polling every 10 ms; rejects after `timeoutMs` (generous, for
 * loaded CI machines) naming what it waited for.
 */
export async function waitFor(condition: () => boolean, description: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${description}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * A port with nothing listening on it: 1 (tcpmux), privileged and unused. A port the kernel just
 * freed is no good here: any process asking for a port may be handed it while the test connects.
 */
export async function closedPort(): Promise<number> {
  return 1;
}
