import { STATUS_CODES, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';

/** A request refused before it reaches MCP: an HTTP status and a JSON-RPC error body. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
    readonly rpcCode = -32000,
  ) {
    super(message);
    this.name = 'HttpProblem';
  }
}

// A JSON-RPC error object (`id: null`), as MCP clients expect from the transport, with the same
// text as `detail` for plain HTTP clients.
function bodyOf(problem: HttpProblem): string {
  return JSON.stringify({ jsonrpc: '2.0', error: { code: problem.rpcCode, message: problem.message }, id: null, detail: problem.message });
}

/** Answers with the problem's status, headers and JSON body. */
export function sendProblem(response: ServerResponse, problem: HttpProblem): void {
  if (response.headersSent) {
    response.end();
    return;
  }
  const body = bodyOf(problem);
  response.writeHead(problem.status, { ...problem.headers, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
  response.end(body);
}

/** Answers a refused WebSocket upgrade on the raw socket (there is no response object) and closes it. */
export function sendProblemOnSocket(socket: Duplex, problem: HttpProblem): void {
  if (socket.destroyed) return;
  const body = bodyOf(problem);
  const headers = { ...problem.headers, 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)), Connection: 'close' };
  const head = [`HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status] ?? 'Error'}`, ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`)];
  socket.end(`${head.join('\r\n')}\r\n\r\n${body}`);
}
