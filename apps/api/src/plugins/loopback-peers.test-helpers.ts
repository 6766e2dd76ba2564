import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/** A provider stand-in on 127.0.0.1 that answers every request with `{ pages: 3 }` and records it. */
export interface HttpPeer {
  port: number;
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** `METHOD path?query` of every request received. */
  requests: string[];
  close(): Promise<void>;
}

export async function startHttpPeer(): Promise<HttpPeer> {
  const requests: string[] = [];
  const server = createServer((request, response) => {
    requests.push(`${request.method} ${request.url}`);
    response.writeHead(200, { 'content-type': 'application/json' }).end('{"pages":3}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * A WebSocket provider stand-in on 127.0.0.1: answers each `subscribe` message with `m<n>` (n
 * counting across connections) and records when the client closes a connection.
 */
export interface WebSocketPeer {
  port: number;
  /** `ws://127.0.0.1:<port>` */
  origin: string;
  /** Server side of every accepted connection, in order. */
  sockets: WebSocket[];
  /** Close codes of the connections the client closed, by connection index. */
  closedByClient: Map<number, number>;
  close(): Promise<void>;
}

export async function startWebSocketPeer(): Promise<WebSocketPeer> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const sockets: WebSocket[] = [];
  const closedByClient = new Map<number, number>();
  let sent = 0;
  wss.on('connection', (socket) => {
    const index = sockets.push(socket) - 1;
    socket.on('message', (data) => {
      if (String(data) === 'subscribe') socket.send(`m${++sent}`);
    });
    socket.on('close', (code) => closedByClient.set(index, code));
  });
  const { port } = wss.address() as AddressInfo;
  return {
    port,
    origin: `ws://127.0.0.1:${port}`,
    sockets,
    closedByClient,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of wss.clients) socket.terminate();
        wss.close(() => resolve());
      }),
  };
}
