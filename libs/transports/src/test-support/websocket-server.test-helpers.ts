import type { IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type ServerOptions, type WebSocket } from 'ws';

/** A real `ws` server on 127.0.0.1 that records connections and what clients sent. */
export interface LoopbackWebSocketServer {
  wss: WebSocketServer;
  port: number;
  /** `ws://127.0.0.1:<port>` */
  origin: string;
  /** Server-side sockets, one per accepted connection, in order. */
  sockets: WebSocket[];
  /** Handshake headers, one per accepted connection. */
  handshakes: IncomingHttpHeaders[];
  /** Text messages received from clients. */
  received: string[];
  close(): Promise<void>;
}

/**
 * Starts a WebSocket server; `onConnection` runs for each accepted client.
 *
 * @example
 * const server = await startWebSocketServer({}, (socket) => socket.send('hello'));
 */
export async function startWebSocketServer(
  options: Omit<ServerOptions, 'port' | 'host' | 'server' | 'noServer'>,
  onConnection: (socket: WebSocket, index: number) => void = () => undefined,
): Promise<LoopbackWebSocketServer> {
  const wss = new WebSocketServer({ ...options, port: 0, host: '127.0.0.1' });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const sockets: WebSocket[] = [];
  const handshakes: IncomingHttpHeaders[] = [];
  const received: string[] = [];
  wss.on('connection', (socket, request) => {
    sockets.push(socket);
    handshakes.push(request.headers);
    socket.on('message', (data) => received.push(String(data)));
    onConnection(socket, sockets.length - 1);
  });
  const { port } = wss.address() as AddressInfo;
  return {
    wss,
    port,
    origin: `ws://127.0.0.1:${port}`,
    sockets,
    handshakes,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of wss.clients) socket.terminate();
        wss.close(() => resolve());
      }),
  };
}
