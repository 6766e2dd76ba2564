// The SDK's client side, for tests only. Production code reaches the SDK through
// src/sdk/mcp-sdk.adapter.ts; tests connect to the server the way a real assistant does.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { WebSocketClientTransport } from '@modelcontextprotocol/sdk/client/websocket.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { ToolListChangedNotificationSchema, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { join } from 'node:path';
import NodeWebSocket from 'ws';
import type { McpServerHandle } from '../sdk/mcp-sdk.adapter';

export { Client, SSEClientTransport, StdioClientTransport, StreamableHTTPClientTransport, ToolListChangedNotificationSchema, WebSocketClientTransport };
export type { CallToolResult };

/** This package's built CLI. */
export const MCP_CLI = join(__dirname, '..', '..', 'dist', 'cli.js');

/** Connects an SDK client to a server in the same process (no I/O). */
export async function connectInMemory(server: McpServerHandle): Promise<Client> {
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const client = new Client({ name: 'faxbot-mcp-test', version: '0.0.0' });
  await client.connect(clientSide);
  return client;
}

/**
 * The SDK's WebSocket client transport with request headers. It opens `new WebSocket(url, 'mcp')`
 * on the global WebSocket, which Node 20 lacks and which cannot send headers anyway: for the
 * moment of opening, the global is a `ws` client that adds `headers`.
 */
export function webSocketClientTransport(url: string | URL, headers: Record<string, string> = {}): WebSocketClientTransport {
  const transport = new WebSocketClientTransport(new URL(url));
  const start = transport.start.bind(transport);
  transport.start = () => {
    const global = globalThis as { WebSocket?: unknown };
    const previous = global.WebSocket;
    global.WebSocket = class extends NodeWebSocket {
      constructor(address: string | URL, protocols?: string | string[]) {
        super(address, protocols, { headers });
      }
    };
    try {
      return start();
    } finally {
      global.WebSocket = previous;
    }
  };
  return transport;
}

/** The SDK client transport for a faxbot-mcp HTTP-based transport, sending `headers` on every request. */
export function remoteClientTransport(kind: 'http' | 'sse' | 'ws', url: string, headers: Record<string, string>): Transport {
  if (kind === 'ws') return webSocketClientTransport(url, headers);
  if (kind === 'sse') return new SSEClientTransport(new URL(url), { requestInit: { headers } });
  return new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } });
}

/** Connects an SDK client over `kind` with `Authorization: Bearer <credential>`. */
export async function connectRemote(kind: 'http' | 'sse' | 'ws', url: string, credential: string): Promise<Client> {
  const client = new Client({ name: 'faxbot-mcp-test', version: '0.0.0' });
  await client.connect(remoteClientTransport(kind, url, { Authorization: `Bearer ${credential}` }));
  return client;
}

/** Calls a tool and returns its result with the SDK's typing. */
export async function callTool(client: Client, name: string, args: Record<string, unknown>): Promise<CallToolResult> {
  return (await client.callTool({ name, arguments: args })) as CallToolResult;
}

/** The text of a tool result's first content item. */
export function textOf(result: CallToolResult): string {
  const first = result.content[0];
  return first?.type === 'text' ? first.text : '';
}

/** Polls get_fax_status until the job is final; returns the last structured status. */
export async function waitForFinalStatus(client: Client, jobId: string, timeoutMs = 15_000): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await callTool(client, 'get_fax_status', { jobId });
    const status = result.structuredContent as Record<string, unknown>;
    if (result.isError) throw new Error(`get_fax_status failed: ${textOf(result)}`);
    if (status['final'] === true || Date.now() > deadline) return status;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
