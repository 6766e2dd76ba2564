import type { Logger } from '../logging/stderr.logger';
import { createStdioTransport, type McpServerHandle } from '../sdk/mcp-sdk.adapter';

/** A running stdio connection. */
export interface RunningStdioTransport {
  /** Resolves when the client closes stdin (or {@link RunningStdioTransport.close} is called). */
  closed: Promise<void>;
  close(): Promise<void>;
}

// stdout carries nothing but JSON-RPC: anything a dependency prints with console.log would
// corrupt the stream, so console output goes to stderr while the stdio transport runs.
function keepStdoutForProtocol(): void {
  const toStderr = (...args: unknown[]): void => console.error(...args);
  console.log = toStderr;
  console.info = toStderr;
  console.debug = toStderr;
  console.warn = toStderr;
}

/**
 * Serves one MCP server over stdin/stdout. Logging goes to stderr only.
 *
 * @example
 * const stdio = await startStdioTransport({ server: createServer(deps), logger });
 * await stdio.closed;
 */
export async function startStdioTransport(options: { server: McpServerHandle; logger: Logger }): Promise<RunningStdioTransport> {
  keepStdoutForProtocol();
  const transport = createStdioTransport();
  let markClosed: () => void = () => undefined;
  const closed = new Promise<void>((resolve) => {
    markClosed = resolve;
  });
  transport.onclose = () => markClosed();
  // The SDK's stdio transport does not watch for the end of stdin; the client closing it ends the session.
  process.stdin.once('end', () => markClosed());
  await options.server.connect(transport);
  options.logger.debug('stdio transport connected');
  return {
    closed,
    async close() {
      await options.server.close().catch(() => undefined);
      markClosed();
    },
  };
}
