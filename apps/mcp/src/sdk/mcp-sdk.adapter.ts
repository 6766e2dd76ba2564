// The only file that imports @modelcontextprotocol/sdk (1.x). Everything else talks to the
// SDK through the functions and types below, so moving to the v2 packages
// (@modelcontextprotocol/server, /node) changes this file only.
import { McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { isInitializeRequest as sdkIsInitializeRequest, McpError, type CallToolResult, type ReadResourceResult } from '@modelcontextprotocol/sdk/types.js';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PromptDefinition } from '../prompts/prompt-definition';
import type { ResourceTemplateDefinition } from '../resources/resource-definition';
import type { AnyToolDefinition, ToolContentBlock, ToolContext } from '../tools/tool-definition';
import { ToolError } from '../tools/tool-error';

/** A connection an MCP server speaks over (stdio, one Streamable HTTP session, ...). */
export type McpTransport = Transport;

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
 * (`listChanged`), so tools added after `connect()` — by the later plugin system — are allowed.
 */
export function buildMcpServer(spec: McpServerSpec): McpServerHandle {
  const server = new McpServer(
    { name: spec.name, version: spec.version },
    {
      capabilities: { tools: { listChanged: true }, prompts: { listChanged: true }, resources: { listChanged: true } },
      instructions: spec.instructions,
      maxToolInputElements: 1_000,
    },
  );
  for (const tool of spec.tools) {
    server.registerTool(
      tool.name,
      { title: tool.title, description: tool.description, inputSchema: tool.inputSchema, outputSchema: tool.outputSchema, annotations: tool.annotations },
      async (input: unknown, extra: { signal: AbortSignal }) => toCallToolResult(await spec.runTool(tool, input, { signal: extra.signal })),
    );
  }
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
  };
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
