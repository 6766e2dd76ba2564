import type { McpPlugin, McpPluginContext, McpPluginFactory, McpToolCall, McpToolResult } from '../contracts/mcp-plugin';
import { McpPluginError } from '../errors/mcp-plugin-error';

/** What a tool handler receives besides its arguments. */
export interface McpToolHandlerContext<Config> extends McpToolCall {
  config: Readonly<Config>;
  logger: McpPluginContext<Config>['logger'];
  pluginId: string;
}

/** One tool's implementation; `args` has passed the tool's `inputSchema`. */
export type McpToolHandler<Config> = (args: Record<string, unknown>, context: McpToolHandlerContext<Config>) => Promise<McpToolResult> | McpToolResult;

/** The parts of a plugin, for {@link defineMcpPlugin}. */
export interface McpPluginDefinition<Config> {
  /** Runs once before the first call, e.g. to check the config further. Throwing fails the plugin. */
  start?(context: McpPluginContext<Config>): Promise<void> | void;
  /** One handler per tool declared in the manifest, by the tool's (un-namespaced) name. */
  tools: Record<string, McpToolHandler<Config>>;
  stop?(): Promise<void> | void;
}

/**
 * Builds the `createPlugin` factory from a handler per tool: dispatching by name, keeping the
 * context from `start`, refusing unknown tools with `UNKNOWN_TOOL` and calls before `start` with
 * `NOT_STARTED`.
 *
 * @example
 * export const createPlugin = defineMcpPlugin<{ greeting: string }>({
 *   tools: { greet: (args, { config }) => ({ text: `${config.greeting}, ${String(args['name'])}` }) },
 * });
 */
export function defineMcpPlugin<Config = Record<string, unknown>>(definition: McpPluginDefinition<Config>): McpPluginFactory {
  return (): McpPlugin => {
    let context: McpPluginContext<Config> | null = null;
    return {
      async start(received: McpPluginContext) {
        context = received as McpPluginContext<Config>;
        await definition.start?.(context);
      },
      async callTool(name: string, args: Record<string, unknown>, call: McpToolCall) {
        const handler = Object.hasOwn(definition.tools, name) ? definition.tools[name] : undefined;
        if (handler === undefined) throw new McpPluginError('UNKNOWN_TOOL', `This plugin has no tool "${name}"`);
        if (context === null) throw new McpPluginError('NOT_STARTED', 'The plugin was called before it was started');
        return handler(args, { ...call, config: context.config, logger: context.logger, pluginId: context.pluginId });
      },
      async stop() {
        await definition.stop?.();
      },
    };
  };
}
