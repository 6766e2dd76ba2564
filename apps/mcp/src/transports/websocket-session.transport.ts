import { randomUUID } from 'node:crypto';
import { WebSocket, type RawData } from 'ws';
import { parseJsonRpcMessage, type JsonRpcMessage, type McpTransport } from '../sdk/mcp-sdk.adapter';

/** WebSocket close codes this transport uses (RFC 6455 §7.4.1). */
export const WS_CLOSE = { normal: 1000, goingAway: 1001, unsupportedData: 1003, policyViolation: 1008 } as const;

function textOf(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data as ArrayBuffer).toString('utf8');
}

function idOf(value: unknown): string | number | null {
  const id = typeof value === 'object' && value !== null ? (value as { id?: unknown }).id : undefined;
  return typeof id === 'string' || typeof id === 'number' ? id : null;
}

/**
 * The MCP SDK's `Transport` over one WebSocket: each text frame carries one JSON-RPC message
 * (as the SDK's `WebSocketClientTransport` sends them). Frames that are not JSON or not JSON-RPC
 * get a JSON-RPC error reply (`-32700`, `-32600`) and the connection stays open; binary frames
 * close it (1003). Messages that arrive before the MCP server starts the transport are kept.
 */
export class WebSocketSessionTransport implements McpTransport {
  readonly sessionId = randomUUID();
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JsonRpcMessage) => void;
  private started = false;
  private closed = false;
  private readonly early: JsonRpcMessage[] = [];

  constructor(
    private readonly socket: WebSocket,
    private readonly onActivity: () => void = () => undefined,
  ) {
    socket.on('message', (data, isBinary) => this.receive(data, isBinary));
    socket.on('close', () => this.finish());
    socket.on('error', (error) => this.onerror?.(error));
  }

  /** Called by the MCP server's `connect()`; delivers what arrived before. */
  async start(): Promise<void> {
    if (this.started) throw new Error('WebSocketSessionTransport already started');
    this.started = true;
    for (const message of this.early.splice(0)) this.onmessage?.(message);
  }

  async send(message: JsonRpcMessage): Promise<void> {
    if (this.socket.readyState !== WebSocket.OPEN) throw new Error('WebSocket is not open');
    await new Promise<void>((resolve, reject) => this.socket.send(JSON.stringify(message), (error) => (error ? reject(error) : resolve())));
  }

  /** Ends the connection with a normal close (1000). */
  async close(): Promise<void> {
    this.closeWith(WS_CLOSE.normal, 'session closed');
  }

  /** Ends the connection with the given close code and a short reason. */
  closeWith(code: number, reason: string): void {
    if (this.socket.readyState === WebSocket.OPEN || this.socket.readyState === WebSocket.CONNECTING) this.socket.close(code, reason);
    this.finish();
  }

  private receive(data: RawData, isBinary: boolean): void {
    this.onActivity();
    if (isBinary) {
      this.closeWith(WS_CLOSE.unsupportedData, 'binary frames are not supported');
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(textOf(data));
    } catch {
      this.reject(null, -32700, 'Parse error: the message is not valid JSON');
      return;
    }
    const message = parseJsonRpcMessage(value);
    if (message === null) {
      this.reject(idOf(value), -32600, 'Invalid Request: the message is not a JSON-RPC 2.0 message');
      return;
    }
    if (this.started) this.onmessage?.(message);
    else this.early.push(message);
  }

  private reject(id: string | number | null, code: number, message: string): void {
    if (this.socket.readyState !== WebSocket.OPEN) return;
    this.socket.send(JSON.stringify({ jsonrpc: '2.0', id, error: { code, message } }));
  }

  private finish(): void {
    if (this.closed) return;
    this.closed = true;
    this.onclose?.();
  }
}
