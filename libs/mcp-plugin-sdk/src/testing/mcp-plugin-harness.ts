import type { McpPlugin, McpPluginFactory, McpToolResult } from '../contracts/mcp-plugin';
import { isMcpPluginError, type McpPluginErrorCode } from '../errors/mcp-plugin-error';
import { compileJsonSchema, type JsonSchemaChecker } from '../manifest/json-schema-checker';
import { loadMcpPluginManifest } from '../manifest/load-mcp-plugin-manifest';
import { MCP_PLUGIN_API_VERSION, type McpPluginManifest, type McpToolDeclaration } from '../manifest/mcp-plugin-manifest';
import { validateMcpPluginManifest } from '../manifest/validate-mcp-plugin-manifest';
import { createRecordingLogger, type CapturedMcpLogLine } from './recording-logger';

/** Options of {@link createMcpPluginHarness}: the plugin's package folder (read like the host does) or a manifest object. */
export type McpPluginHarnessOptions = ({ packageDir: string } | { manifest: unknown }) & {
  createPlugin: McpPluginFactory;
  /** The `config` object as it would stand in `config/mcp-plugins.json`; default `{}`. */
  config?: unknown;
};

/** What a call through the harness returns: what the host would send, before MCP framing. */
export type HarnessCallResult = { ok: true; result: McpToolResult } | { ok: false; code: McpPluginErrorCode; message: string; errors?: string[] };

/** A started plugin behind the same checks the MCP server applies. */
export interface McpPluginHarness {
  manifest: McpPluginManifest;
  /** Everything the plugin logged so far. */
  logs: CapturedMcpLogLine[];
  /** Calls a tool by its un-namespaced name: arguments checked, result checked against `outputSchema`. */
  callTool(name: string, args?: Record<string, unknown>): Promise<HarnessCallResult>;
  stop(): Promise<void>;
}

async function manifestOf(options: McpPluginHarnessOptions): Promise<McpPluginManifest> {
  if ('packageDir' in options) {
    const loaded = await loadMcpPluginManifest(options.packageDir);
    if (!loaded.ok) throw new Error(`invalid MCP plugin manifest: ${loaded.errors.join('; ')}`);
    return loaded.manifest;
  }
  const validated = validateMcpPluginManifest(options.manifest);
  if (!validated.ok) throw new Error(`invalid MCP plugin manifest: ${validated.errors.join('; ')}`);
  return validated.manifest;
}

interface ToolCheckers {
  input: JsonSchemaChecker;
  output: JsonSchemaChecker | null;
}

function checkersOf(tools: McpToolDeclaration[]): Map<string, ToolCheckers> {
  return new Map(tools.map((tool) => [tool.name, { input: compileJsonSchema(tool.inputSchema, 'args'), output: tool.outputSchema ? compileJsonSchema(tool.outputSchema, 'result') : null }]));
}

async function callChecked(plugin: McpPlugin, checkers: ToolCheckers | undefined, name: string, args: Record<string, unknown>): Promise<HarnessCallResult> {
  if (checkers === undefined) return { ok: false, code: 'UNKNOWN_TOOL', message: `the manifest declares no tool "${name}"` };
  const input = checkers.input.check(args);
  if (!input.ok) return { ok: false, code: 'INVALID_ARGUMENT', message: 'arguments do not match the inputSchema', errors: input.errors };
  let result: unknown;
  try {
    result = await plugin.callTool(name, input.value, { signal: new AbortController().signal });
  } catch (caught) {
    if (isMcpPluginError(caught)) return { ok: false, code: caught.code, message: caught.message };
    return { ok: false, code: 'FAILED', message: `the tool threw ${caught instanceof Error ? caught.name : typeof caught}` };
  }
  if (typeof result !== 'object' || result === null || Array.isArray(result)) return { ok: false, code: 'FAILED', message: 'the tool returned something other than a JSON object' };
  if (checkers.output !== null) {
    const output = checkers.output.check(result);
    if (!output.ok) return { ok: false, code: 'FAILED', message: 'the result does not match the outputSchema', errors: output.errors };
  }
  return { ok: true, result: result as McpToolResult };
}

/**
 * Starts a plugin the way the MCP server does — manifest validated, config checked against
 * `configSchema` with defaults, a recording logger — and calls its tools through the same
 * argument and result checks. Use it in a plugin's own tests; no MCP server or client needed.
 *
 * @example
 * const harness = await createMcpPluginHarness({ packageDir: join(__dirname, '..'), createPlugin, config: { defaultCountryCode: '1' } });
 * expect(await harness.callTool('normalize', { number: '(555) 123-4567' })).toMatchObject({ ok: true });
 * await harness.stop();
 */
export async function createMcpPluginHarness(options: McpPluginHarnessOptions): Promise<McpPluginHarness> {
  const manifest = await manifestOf(options);
  const config = compileJsonSchema(manifest.configSchema ?? { type: 'object' }, 'config').check(options.config ?? {});
  if (!config.ok) throw new Error(`config does not match the configSchema: ${config.errors.join('; ')}`);
  const logs: CapturedMcpLogLine[] = [];
  const plugin = options.createPlugin();
  await plugin.start?.({ pluginId: manifest.id, config: config.value, logger: createRecordingLogger(logs), host: { apiVersion: MCP_PLUGIN_API_VERSION, version: '0.0.0-test' } });
  const checkers = checkersOf(manifest.tools);
  return {
    manifest,
    logs,
    callTool: (name, args = {}) => callChecked(plugin, checkers.get(name), name, args),
    stop: async () => {
      await plugin.stop?.();
    },
  };
}
