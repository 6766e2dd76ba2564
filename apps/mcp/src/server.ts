import type { FaxbotClient } from '@faxbot/api-client';
import { DEFAULT_INBOUND_LIMITS } from './config/mcp-config';
import type { Logger } from './logging/stderr.logger';
import { createSendFaxWellPrompt } from './prompts/send-fax-well.prompt';
import { createInboundPdfResource } from './resources/inbound-pdf.resource';
import type { ResourceTemplateDefinition } from './resources/resource-definition';
import { buildMcpServer, type McpServerHandle, type ToolOutcome } from './sdk/mcp-sdk.adapter';
import { createCancelFaxTool } from './tools/cancel-fax.tool';
import { createGetFaxStatusTool } from './tools/get-fax-status.tool';
import { createGetFaxTool } from './tools/get-fax.tool';
import { createGetInboundPdfTool } from './tools/get-inbound-pdf.tool';
import { createListInboundTool } from './tools/list-inbound.tool';
import { createSendFaxTool } from './tools/send-fax.tool';
import type { CallTracker } from './tools/call-tracker';
import { bindCapabilityTools, type CapabilityTool } from './capabilities/capability-tools.binder';
import type { CapabilityWatcher } from './capabilities/capability.watcher';
import { ToolReply, type AnyToolDefinition, type ToolContext } from './tools/tool-definition';
import { ToolError } from './tools/tool-error';

/** What {@link createServer} needs. Everything is stateless and may be shared between servers. */
export interface ServerDeps {
  client: FaxbotClient;
  logger: Logger;
  version: string;
  maxFileBytes: number;
  /** `filePath`: accepted at all (stdio, or HTTP with roots), and the directories it must lie in. */
  files: { pathAllowed: boolean; roots: string[] | null };
  fetch: { timeoutMs: number; allowPrivateNetworks: boolean };
  /** Received faxes: largest PDF embedded as base64 by get_inbound_pdf, largest handed out at all (default 1 MiB, 7 MiB). */
  inbound?: { inlineMaxBytes: number; pdfMaxBytes: number };
  /** Counts calls in flight (the stdio CLI waits for them before exiting); optional. */
  calls?: CallTracker;
  /**
   * Tools that appear while the API's running plugins declare what they need (the messaging
   * tools), following a watcher shared by every server of the process; optional.
   */
  capabilityTools?: { watcher: CapabilityWatcher; tools: CapabilityTool[] };
  /** Tools of the loaded MCP plugins (`loadMcpPlugins`), named `<pluginId>_<toolName>`; optional. */
  pluginTools?: AnyToolDefinition[];
}

const INSTRUCTIONS =
  'Faxbot sends faxes. Use send_fax with an E.164 number and one document (filePath, fileUrl or base64 fileContent), ' +
  'then poll get_fax_status with the returned jobId until final is true; cancel_fax cancels one that has not finished. The send_fax_well prompt explains the details. ' +
  'Received faxes: list_inbound lists them (newest first); get_inbound_pdf or the resource faxbot://inbound/{id}/pdf gives one PDF.';

// Only the kind of an underlying error is logged: fs and network messages can carry file names or
// URLs, which may be PHI.
function causeFields(cause: unknown): Record<string, string> {
  if (!(cause instanceof Error)) return {};
  const code = (cause as { code?: unknown }).code;
  return { causeName: cause.name, ...(typeof code === 'string' ? { causeCode: code } : {}) };
}

function errorOf(caught: unknown): ToolError {
  return caught instanceof ToolError ? caught : new ToolError('INTERNAL', 'Unexpected error in the Faxbot MCP server', { cause: caught });
}

async function runTool(tool: AnyToolDefinition, input: unknown, context: ToolContext, logger: Logger): Promise<ToolOutcome> {
  const started = Date.now();
  const args = input as Record<string, unknown>;
  const fields = { tool: tool.name, ...(tool.logFields?.(args) ?? {}) };
  try {
    const result: unknown = await tool.run(args, context);
    const reply = result instanceof ToolReply ? (result as ToolReply<Record<string, unknown>>) : null;
    const output = reply ? reply.output : (result as Record<string, unknown>);
    const outputFields = tool.logOutput ? tool.logOutput(output) : typeof output['jobId'] === 'string' ? { jobId: output['jobId'] } : {};
    logger.info('tool call', { ...fields, outcome: 'ok', ms: Date.now() - started, ...outputFields });
    return { ok: true, output, ...(reply ? { content: reply.content } : {}) };
  } catch (caught) {
    const error = errorOf(caught);
    const level = error.code === 'INTERNAL' || error.code === 'UNAUTHORIZED' ? 'error' : 'info';
    logger[level]('tool call', { ...fields, outcome: 'error', code: error.code, ms: Date.now() - started, ...causeFields(error.cause) });
    return { ok: false, error };
  }
}

// Resource requests are logged like tool calls: the operation, the fax id, outcome and duration.
function withLogging(resource: ResourceTemplateDefinition, logger: Logger): ResourceTemplateDefinition {
  const logged = async <T>(fields: Record<string, unknown>, work: () => Promise<T>, outputFields: (result: T) => Record<string, unknown>): Promise<T> => {
    const started = Date.now();
    try {
      const result = await work();
      logger.info('resource request', { resource: resource.name, ...fields, outcome: 'ok', ms: Date.now() - started, ...outputFields(result) });
      return result;
    } catch (caught) {
      const error = errorOf(caught);
      const level = error.code === 'INTERNAL' || error.code === 'UNAUTHORIZED' ? 'error' : 'info';
      logger[level]('resource request', { resource: resource.name, ...fields, outcome: 'error', code: error.code, ms: Date.now() - started, ...causeFields(error.cause) });
      throw error;
    }
  };
  return {
    ...resource,
    list: (context) => logged({ operation: 'list' }, () => resource.list(context), (entries) => ({ count: entries.length })),
    read: (uri, variables, context) => logged({ operation: 'read', inboundId: variables['id'] }, () => resource.read(uri, variables, context), () => ({})),
  };
}

/**
 * Creates one Faxbot MCP server: the tools send_fax, get_fax_status, get_fax, cancel_fax, list_inbound and
 * get_inbound_pdf, the resource template faxbot://inbound/{id}/pdf, and the prompt send_fax_well. Call it once per connection (stdio) or session (Streamable HTTP); the tools
 * keep no state, the Faxbot API holds it.
 *
 * @example
 * const server = createServer({ client, logger, version: '0.1.0', maxFileBytes, files, fetch });
 * const stdio = await startStdioTransport({ server, logger });
 */
export function createServer(deps: ServerDeps): McpServerHandle {
  const inbound = deps.inbound ?? DEFAULT_INBOUND_LIMITS;
  const tools: AnyToolDefinition[] = [
    createSendFaxTool({ client: deps.client, maxFileBytes: deps.maxFileBytes, files: deps.files, fetch: deps.fetch }),
    createGetFaxStatusTool({ client: deps.client }),
    createGetFaxTool({ client: deps.client }),
    createCancelFaxTool({ client: deps.client }),
    createListInboundTool({ client: deps.client }),
    createGetInboundPdfTool({ client: deps.client, inlineMaxBytes: inbound.inlineMaxBytes, pdfMaxBytes: inbound.pdfMaxBytes }),
  ];
  // A plugin tool whose namespaced name is a built-in tool's (plugin "get", tool "fax") is left out.
  const builtIn = new Set(tools.map((tool) => tool.name));
  for (const tool of deps.pluginTools ?? []) {
    if (builtIn.has(tool.name)) deps.logger.warn('mcp plugin tool skipped: a built-in tool has its name', { tool: tool.name });
    else tools.push(tool);
  }
  const server = buildMcpServer({
    name: 'faxbot-mcp',
    version: deps.version,
    instructions: INSTRUCTIONS,
    tools,
    prompts: [createSendFaxWellPrompt({ maxFileBytes: deps.maxFileBytes, filePathAvailable: deps.files.pathAllowed })],
    resources: [withLogging(createInboundPdfResource({ client: deps.client, pdfMaxBytes: inbound.pdfMaxBytes }), deps.logger)],
    runTool: (tool, input, context) => {
      const run = (): Promise<ToolOutcome> => runTool(tool, input, context, deps.logger);
      return deps.calls ? deps.calls.track(run) : run();
    },
  });
  return deps.capabilityTools === undefined ? server : followCapabilities(server, deps.capabilityTools);
}

// Each server (one per HTTP session) follows the shared watcher until its connection closes.
function followCapabilities(server: McpServerHandle, options: NonNullable<ServerDeps['capabilityTools']>): McpServerHandle {
  const unbind = bindCapabilityTools(server, options.watcher, options.tools);
  server.onClose(unbind);
  return {
    ...server,
    close: async () => {
      unbind();
      await server.close();
    },
  };
}
