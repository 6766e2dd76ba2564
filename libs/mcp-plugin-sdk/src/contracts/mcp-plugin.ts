/**
 * The logger a plugin gets. The host tags every line with the plugin id and scrubs phone numbers,
 * document content and secrets; still, log what happened, never the arguments themselves.
 */
export interface McpPluginLogger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** Facts about the MCP server a plugin runs in. */
export interface McpHostInfo {
  /** MCP plugin API version the host implements. */
  apiVersion: number;
  /** Version of the `@faxbot/mcp` package, e.g. "0.1.0". */
  version: string;
}

/**
 * What `start()` receives: deliberately little. There is no API client, no file system area and
 * no storage — MCP plugins hold no PHI at rest and reach nothing of the gateway's.
 */
export interface McpPluginContext<Config = Record<string, unknown>> {
  /** The manifest id; tools are listed as `<pluginId>_<toolName>`. */
  pluginId: string;
  /** The `config` object from `config/mcp-plugins.json`, validated against `configSchema` with defaults filled in. */
  config: Readonly<Config>;
  logger: McpPluginLogger;
  host: McpHostInfo;
}

/** What one tool call knows besides its arguments. */
export interface McpToolCall {
  /** Aborted when the client cancels, the connection closes or the host's time limit passes. */
  signal: AbortSignal;
}

/**
 * A tool's result: a JSON object, sent to the client as `structuredContent` (and repeated as JSON
 * text). When the tool declares an `outputSchema`, the host checks the result against it.
 */
export type McpToolResult = Record<string, unknown>;

/**
 * An MCP plugin instance. The host creates one per server process, calls `start` once, then
 * `callTool` for every call to one of the manifest's tools (arguments already checked against
 * its `inputSchema`), and `stop` at shutdown. Throw `McpPluginError` for failures the model should
 * read; anything else thrown becomes a generic error result.
 */
export interface McpPlugin {
  start?(context: McpPluginContext): Promise<void> | void;
  callTool(name: string, args: Record<string, unknown>, call: McpToolCall): Promise<McpToolResult> | McpToolResult;
  stop?(): Promise<void> | void;
}

/** The function a plugin's entry module exports as `createPlugin`. */
export type McpPluginFactory = () => McpPlugin;
