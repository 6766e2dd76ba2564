import type { FaxbotClient } from '@faxbot/api-client';
import type { Logger } from './logging/stderr.logger';
import { createSendFaxWellPrompt } from './prompts/send-fax-well.prompt';
import { buildMcpServer, type McpServerHandle, type ToolOutcome } from './sdk/mcp-sdk.adapter';
import { createGetFaxStatusTool } from './tools/get-fax-status.tool';
import { createGetFaxTool } from './tools/get-fax.tool';
import { createSendFaxTool } from './tools/send-fax.tool';
import type { CallTracker } from './tools/call-tracker';
import type { AnyToolDefinition, ToolContext } from './tools/tool-definition';
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
  /** Counts calls in flight (the stdio CLI waits for them before exiting); optional. */
  calls?: CallTracker;
}

const INSTRUCTIONS =
  'Faxbot sends faxes. Use send_fax with an E.164 number and one document (filePath, fileUrl or base64 fileContent), ' +
  'then poll get_fax_status with the returned jobId until final is true. The send_fax_well prompt explains the details.';

// Only the kind of an underlying error is logged: fs and network messages can carry file names or
// URLs, which may be PHI.
function causeFields(cause: unknown): Record<string, string> {
  if (!(cause instanceof Error)) return {};
  const code = (cause as { code?: unknown }).code;
  return { causeName: cause.name, ...(typeof code === 'string' ? { causeCode: code } : {}) };
}

async function runTool(tool: AnyToolDefinition, input: unknown, context: ToolContext, logger: Logger): Promise<ToolOutcome> {
  const started = Date.now();
  const args = input as Record<string, unknown>;
  const fields = { tool: tool.name, ...(tool.logFields?.(args) ?? {}) };
  try {
    const output = (await tool.run(args, context)) as Record<string, unknown>;
    logger.info('tool call', { ...fields, outcome: 'ok', ms: Date.now() - started, ...(typeof output['jobId'] === 'string' ? { jobId: output['jobId'] } : {}) });
    return { ok: true, output };
  } catch (caught) {
    const error = caught instanceof ToolError ? caught : new ToolError('INTERNAL', 'Unexpected error in the Faxbot MCP server', { cause: caught });
    const level = error.code === 'INTERNAL' || error.code === 'UNAUTHORIZED' ? 'error' : 'info';
    logger[level]('tool call', { ...fields, outcome: 'error', code: error.code, ms: Date.now() - started, ...causeFields(error.cause) });
    return { ok: false, error };
  }
}

/**
 * Creates one Faxbot MCP server: the tools send_fax, get_fax_status and get_fax, and the prompt
 * send_fax_well. Call it once per connection (stdio) or session (Streamable HTTP); the tools
 * keep no state, the Faxbot API holds it.
 *
 * @example
 * const server = createServer({ client, logger, version: '0.1.0', maxFileBytes, files, fetch });
 * const stdio = await startStdioTransport({ server, logger });
 */
export function createServer(deps: ServerDeps): McpServerHandle {
  const tools: AnyToolDefinition[] = [
    createSendFaxTool({ client: deps.client, maxFileBytes: deps.maxFileBytes, files: deps.files, fetch: deps.fetch }),
    createGetFaxStatusTool({ client: deps.client }),
    createGetFaxTool({ client: deps.client }),
  ];
  return buildMcpServer({
    name: 'faxbot-mcp',
    version: deps.version,
    instructions: INSTRUCTIONS,
    tools,
    prompts: [createSendFaxWellPrompt({ maxFileBytes: deps.maxFileBytes, filePathAvailable: deps.files.pathAllowed })],
    runTool: (tool, input, context) => {
      const run = (): Promise<ToolOutcome> => runTool(tool, input, context, deps.logger);
      return deps.calls ? deps.calls.track(run) : run();
    },
  });
}
