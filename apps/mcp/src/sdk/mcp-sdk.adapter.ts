// The only file that imports @modelcontextprotocol/sdk (1.x). Everything else talks to the
// SDK through the functions and types below, so moving to the v2 packages
// (@modelcontextprotocol/server, /node) changes this file only.
import { McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import {
  isInitializeRequest as sdkIsInitializeRequest,
  JSONRPCMessageSchema,
  McpError,
  type CallToolResult,
  type JSONRPCMessage,
  type ReadResourceResult,
} from '@modelcontextprotocol/sdk/types.js';
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as z from 'zod';
import type { PromptDefinition } from '../prompts/prompt-definition';
import type { ResourceTemplateDefinition } from '../resources/resource-definition';
import type { AnyToolDefinition, ToolContentBlock, ToolContext } from '../tools/tool-definition';
import { ToolError } from '../tools/tool-error';

/** A connection an MCP server speaks over (stdio, one Streamable HTTP session, ...). */
export type McpTransport = Transport;

/** One JSON-RPC message (request, notification or response) as MCP transports carry it. */
export type JsonRpcMessage = JSONRPCMessage;

/** The result of running a tool: its structured output, or an error to show the model. */
export type ToolOutcome = { ok: true; output: Record<string, unknown>; content?: ToolContentBlock[] } | { ok: false; error: ToolError };

/** Runs one tool call; supplied by `server.ts` so that logging and error mapping stay out of here. */
export type ToolRunner = (tool: AnyToolDefinition, input: unknown, context: ToolContext) => Promise<ToolOutcome>;

/** What {@link buildMcpServer} needs. */
export interface McpServerSpec {
  name: string;
  version: string;
  instructions: string;
  tools: AnyToolDefinition[];
  prompts: PromptDefinition[];
  /** Resource templates; their errors (`ToolError`) become JSON-RPC errors. */
  resources?: ResourceTemplateDefinition[];
  runTool: ToolRunner;
}

/** One MCP server instance, bound to at most one transport. */
export interface McpServerHandle {
  connect(transport: McpTransport): Promise<void>;
  close(): Promise<void>;
  /**
   * Registers a tool on the live server; connected clients get `notifications/tools/list_changed`
   * (changes within one tick are sent as one). `remove()` takes the tool away again, with the
   * same notification.
   */
  addTool(tool: AnyToolDefinition): AddedTool;
  /** Calls `listener` once the connection closes, from either side. */
  onClose(listener: () => void): void;
}

/** A tool added with {@link McpServerHandle.addTool}. */
export interface AddedTool {
  remove(): void;
}

/** Metadata key carrying a tool error's code, for programmatic clients. */
export const ERROR_CODE_META_KEY = 'faxbot/error_code';

function toCallToolResult(outcome: ToolOutcome): CallToolResult {
  if (!outcome.ok) {
    return { isError: true, content: [{ type: 'text', text: outcome.error.message }], _meta: { [ERROR_CODE_META_KEY]: outcome.error.code } };
  }
  // The spec asks servers to repeat structured content as text for clients that ignore it.
  return { content: [{ type: 'text', text: JSON.stringify(outcome.output) }, ...(outcome.content ?? [])], structuredContent: outcome.output };
}

// JSON-RPC codes for failed resource requests: -32002 is the MCP spec's "resource not found".
const RESOURCE_NOT_FOUND = -32002;

function toMcpError(caught: unknown): McpError {
  if (!(caught instanceof ToolError)) return new McpError(-32603, 'Unexpected error in the Faxbot MCP server');
  const code = caught.code === 'NOT_FOUND' ? RESOURCE_NOT_FOUND : caught.code === 'INVALID_INPUT' ? -32602 : -32603;
  return new McpError(code, caught.message, { [ERROR_CODE_META_KEY]: caught.code });
}

function registerResourceTemplate(server: McpServer, resource: ResourceTemplateDefinition): void {
  const template = new ResourceTemplate(resource.uriTemplate, {
    list: async (extra: { signal: AbortSignal }) => {
      try {
        return { resources: await resource.list({ signal: extra.signal }) };
      } catch (caught) {
        throw toMcpError(caught);
      }
    },
  });
  server.registerResource(
    resource.name,
    template,
    { title: resource.title, description: resource.description, mimeType: resource.mimeType },
    async (uri: URL, variables: Record<string, string | string[]>, extra: { signal: AbortSignal }): Promise<ReadResourceResult> => {
      const flat = Object.fromEntries(Object.entries(variables).map(([name, value]) => [name, Array.isArray(value) ? value.join(',') : value]));
      try {
        return { contents: [await resource.read(uri.toString(), flat, { signal: extra.signal })] };
      } catch (caught) {
        throw toMcpError(caught);
      }
    },
  );
}

/**
 * Builds an MCP server with the given tools and prompts. The capabilities are declared up front
 * (`listChanged`), so tools added after `connect()` (see {@link McpServerHandle.addTool}) are allowed.
 */
export function buildMcpServer(spec: McpServerSpec): McpServerHandle {
  const server = new McpServer(
    { name: spec.name, version: spec.version },
    {
      capabilities: { tools: { listChanged: true }, prompts: { listChanged: true }, resources: { listChanged: true } },
      instructions: spec.instructions,
      maxToolInputElements: 1_000,
      // Tools that follow the API's capabilities come and go in groups: one notice per change.
      debouncedNotificationMethods: ['notifications/tools/list_changed'],
    },
  );
  const register = (tool: AnyToolDefinition): AddedTool =>
    server.registerTool(
      tool.name,
      { title: tool.title, description: tool.description, inputSchema: tool.inputSchema, outputSchema: tool.outputSchema, annotations: tool.annotations },
      async (input: unknown, extra: { signal: AbortSignal }) => toCallToolResult(await spec.runTool(tool, input, { signal: extra.signal })),
    );
  for (const tool of spec.tools) register(tool);
  for (const prompt of spec.prompts) {
    server.registerPrompt(prompt.name, { title: prompt.title, description: prompt.description }, () => ({
      description: prompt.description,
      messages: [{ role: 'user', content: { type: 'text', text: prompt.text() } }],
    }));
  }
  for (const resource of spec.resources ?? []) registerResourceTemplate(server, resource);
  return {
    connect: (transport) => server.connect(transport),
    close: () => server.close(),
    addTool: register,
    onClose: (listener) => {
      const previous = server.server.onclose;
      server.server.onclose = () => {
        previous?.();
        listener();
      };
    },
  };
}

/**
 * A tool schema given as JSON Schema (MCP plugin tools) rather than zod. The SDK lists a zod
 * schema by converting it with zod's `toJSONSchema`, which copies registered metadata over the
 * result, so `tools/list` shows exactly `schema`; calls pass through unchecked, and the caller
 * validates arguments (and results) against `schema` itself.
 */
export function jsonSchemaPassThrough(schema: Record<string, unknown>): z.ZodType<Record<string, unknown>> {
  return z.looseObject({}).meta(schema);
}

/** The stdio transport: JSON-RPC on stdin/stdout, one message per line. */
export function createStdioTransport(): McpTransport {
  return new StdioServerTransport();
}

/** One Streamable HTTP session's transport, fed requests by our own HTTP server. */
export interface StreamableHttpSessionTransport extends McpTransport {
  readonly sessionId?: string;
  /** Handles a POST, GET or DELETE on the MCP endpoint; `body` is the already parsed JSON of a POST. */
  handleRequest(request: IncomingMessage, response: ServerResponse, body?: unknown): Promise<void>;
}

/** Options for {@link createStreamableHttpTransport}. */
export interface StreamableHttpTransportOptions {
  newSessionId: () => string;
  onSessionInitialized: (sessionId: string) => void;
}

/**
 * A stateful Streamable HTTP transport for one session. Host, Origin and body-size checks are done
 * by our HTTP server before a request gets here, so the SDK's deprecated options stay off.
 */
export function createStreamableHttpTransport(options: StreamableHttpTransportOptions): StreamableHttpSessionTransport {
  return new StreamableHTTPServerTransport({
    sessionIdGenerator: options.newSessionId,
    onsessioninitialized: options.onSessionInitialized,
  });
}

/** True when a parsed JSON-RPC body is an `initialize` request (it opens a session). */
export function isInitializeRequest(body: unknown): boolean {
  return sdkIsInitializeRequest(body);
}

/** One legacy HTTP+SSE session: the GET stream it was created on, fed POSTed messages by our server. */
export interface SseSessionTransport extends McpTransport {
  readonly sessionId: string;
  /** Hands one POSTed message (already read, size-checked and parsed) to the session; answers 202. */
  handlePostMessage(request: IncomingMessage, response: ServerResponse, body: unknown): Promise<void>;
}

/**
 * The legacy (protocol 2024-11-05) SSE transport for one stream: `connect()` answers the GET with
 * `text/event-stream` and an `endpoint` event naming `messagesPath?sessionId=<id>`. Host, Origin,
 * credential and body checks are done by our HTTP server, so the SDK's deprecated options stay off.
 */
export function createSseTransport(messagesPath: string, response: ServerResponse): SseSessionTransport {
  return new SSEServerTransport(messagesPath, response);
}

/** The JSON-RPC message in `value`, or `null` when it is not one (custom transports validate what they receive). */
export function parseJsonRpcMessage(value: unknown): JsonRpcMessage | null {
  const parsed = JSONRPCMessageSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
