import type { McpServerHandle, McpTransport, StreamableHttpSessionTransport } from '../sdk/mcp-sdk.adapter';

/** One open session: a Streamable HTTP session, an SSE stream or a WebSocket connection. */
export interface HttpSession<TTransport extends McpTransport = StreamableHttpSessionTransport> {
  transport: TTransport;
  server: McpServerHandle;
  /** Fingerprint of the key that opened the session; only that key may use it. */
  keyId: string;
  lastSeen: number;
}

/**
 * Open sessions by id, bound to the key that opened them, closed after `idleMs` without a request.
 * Sessions hold no fax state (the tools are stateless); they exist because the 2025-11-25
 * Streamable HTTP transport, SSE streams and WebSocket connections have them.
 */
export class SessionRegistry<TTransport extends McpTransport = StreamableHttpSessionTransport> {
  private readonly sessions = new Map<string, HttpSession<TTransport>>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly options: { idleMs: number; maxSessions: number; now?: () => number },
  ) {
    this.sweeper = setInterval(() => void this.closeIdle(), Math.min(options.idleMs, 60_000));
    this.sweeper.unref();
  }

  get size(): number {
    return this.sessions.size;
  }

  get full(): boolean {
    return this.sessions.size >= this.options.maxSessions;
  }

  add(sessionId: string, session: HttpSession<TTransport>): void {
    this.sessions.set(sessionId, session);
  }

  /** The session, if it exists and belongs to `keyId`; marks it used. */
  use(sessionId: string, keyId: string): HttpSession<TTransport> | undefined {
    const session = this.sessions.get(sessionId);
    if (session === undefined || session.keyId !== keyId) return undefined;
    session.lastSeen = this.now();
    return session;
  }

  remove(sessionId: string): void {
    this.sessions.delete(sessionId);
  }

  /** Closes sessions unused for longer than `idleMs`; returns how many. */
  async closeIdle(): Promise<number> {
    const cutoff = this.now() - this.options.idleMs;
    const idle = [...this.sessions.entries()].filter(([, session]) => session.lastSeen < cutoff);
    await Promise.all(idle.map(([id, session]) => this.close(id, session)));
    return idle.length;
  }

  /** Closes every session and stops the idle sweep. */
  async closeAll(): Promise<void> {
    clearInterval(this.sweeper);
    await Promise.all([...this.sessions.entries()].map(([id, session]) => this.close(id, session)));
  }

  private async close(id: string, session: HttpSession<TTransport>): Promise<void> {
    this.sessions.delete(id);
    await session.server.close().catch(() => undefined);
    await session.transport.close().catch(() => undefined);
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}
