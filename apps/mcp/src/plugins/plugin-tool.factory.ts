import { compileJsonSchema, isMcpPluginError, type McpPlugin, type McpPluginErrorCode, type McpToolDeclaration } from '@faxbot/mcp-plugin-sdk';
import type { Logger } from '../logging/stderr.logger';
import { jsonSchemaPassThrough } from '../sdk/mcp-sdk.adapter';
import type { AnyToolDefinition, ToolContext } from '../tools/tool-definition';
import { ToolError, type ToolErrorCode } from '../tools/tool-error';
import { TimeoutError, withTimeout } from './with-timeout';

/** What {@link createPluginTool} needs. */
export interface PluginToolOptions {
  pluginId: string;
  plugin: McpPlugin;
  tool: McpToolDeclaration;
  timeoutMs: number;
  logger: Logger;
}

const CODE_MAP: Partial<Record<McpPluginErrorCode, ToolErrorCode>> = { INVALID_ARGUMENT: 'INVALID_INPUT', NOT_FOUND: 'NOT_FOUND', UNAVAILABLE: 'UNAVAILABLE' };

/** The name a plugin tool is listed under: `<pluginId>_<toolName>`. */
export function namespacedToolName(pluginId: string, toolName: string): string {
  return `${pluginId}_${toolName}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Turns one tool of a started plugin into a server tool named `<pluginId>_<toolName>`, listed
 * with the manifest's own schemas. A call is checked against `inputSchema` before the plugin sees
 * it; whatever the plugin then does — throw, hang past `timeoutMs`, return something off-schema —
 * becomes a `ToolError` (an `isError` result) and a log line naming the plugin, never the
 * arguments. The server and the other tools carry on.
 */
export function createPluginTool(options: PluginToolOptions): AnyToolDefinition {
  const { pluginId, plugin, tool, timeoutMs, logger } = options;
  const name = namespacedToolName(pluginId, tool.name);
  const input = compileJsonSchema(tool.inputSchema, 'arguments');
  const output = tool.outputSchema ? compileJsonSchema(tool.outputSchema, 'result') : null;
  const fail = (reason: string, code: ToolErrorCode, message: string, cause?: unknown): ToolError => {
    logger.warn('mcp plugin tool failed', { plugin: pluginId, tool: name, reason, ...(cause instanceof Error ? { errorName: cause.name } : {}) });
    return new ToolError(code, message, { cause });
  };

  const run = async (args: Record<string, unknown>, context: ToolContext): Promise<Record<string, unknown>> => {
    const checked = input.check(args);
    if (!checked.ok) throw new ToolError('INVALID_INPUT', `Invalid arguments for ${name}: ${checked.errors.join('; ')}`);
    let result: unknown;
    try {
      result = await withTimeout(() => plugin.callTool(tool.name, checked.value, { signal: AbortSignal.any([context.signal, AbortSignal.timeout(timeoutMs)]) }), timeoutMs);
    } catch (caught) {
      if (caught instanceof TimeoutError) throw fail('timeout', 'UNAVAILABLE', `${name} did not answer within ${timeoutMs} ms (plugin ${pluginId}); other tools are unaffected`, caught);
      if (isMcpPluginError(caught)) throw new ToolError(CODE_MAP[caught.code] ?? 'INTERNAL', caught.message, { cause: caught });
      throw fail('threw', 'INTERNAL', `${name} failed inside plugin ${pluginId}; other tools are unaffected`, caught);
    }
    if (!isPlainObject(result)) throw fail('result-not-object', 'INTERNAL', `${name} returned something other than a JSON object (plugin ${pluginId})`);
    if (output !== null) {
      const valid = output.check(result);
      if (!valid.ok) throw fail('result-off-schema', 'INTERNAL', `${name} returned a result that does not match its outputSchema (plugin ${pluginId})`);
    }
    return result;
  };

  return {
    name,
    title: tool.title ?? tool.annotations?.title ?? name,
    description: tool.description,
    inputSchema: jsonSchemaPassThrough(tool.inputSchema),
    outputSchema: tool.outputSchema ? jsonSchemaPassThrough(tool.outputSchema) : undefined,
    annotations: tool.annotations ?? {},
    run,
    logFields: () => ({ plugin: pluginId }),
    logOutput: () => ({}),
  };
}
