import type { ServerResponse } from 'node:http';

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

/** Answers with a JSON-RPC error object (`id: null`), as MCP clients expect from the transport. */
export function sendProblem(response: ServerResponse, problem: HttpProblem): void {
  if (response.headersSent) {
    response.end();
    return;
  }
  const body = JSON.stringify({ jsonrpc: '2.0', error: { code: problem.rpcCode, message: problem.message }, id: null });
  response.writeHead(problem.status, { ...problem.headers, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
  response.end(body);
}
