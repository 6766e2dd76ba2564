import { compileJsonSchema } from '@faxbot/mcp-plugin-sdk';
import { PluginSetupError } from './plugin-setup.error';
import { readJsonFile } from './read-json-file';

/** One plugin's entry in `config/mcp-plugins.json`. */
export interface McpPluginEntry {
  /** Only enabled plugins are loaded; a plugin missing from the file is not loaded either. */
  enabled: boolean;
  /** Checked against the plugin's `configSchema`; no PHI belongs here. */
  config: Record<string, unknown>;
  /** Longest a tool call may take before it becomes an error result. */
  timeoutMs: number;
}

/** The content of `config/mcp-plugins.json`. */
export interface McpPluginsFile {
  version: 1;
  plugins: Record<string, McpPluginEntry>;
}

/** Per-call time limit when an entry names none. */
export const DEFAULT_TOOL_TIMEOUT_MS = 10_000;

const FILE_SCHEMA = {
  type: 'object',
  required: ['version', 'plugins'],
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    version: { const: 1 },
    plugins: {
      type: 'object',
      propertyNames: { pattern: '^[a-z][a-z0-9-]{1,62}$' },
      additionalProperties: {
        type: 'object',
        required: ['enabled'],
        additionalProperties: false,
        properties: {
          enabled: { type: 'boolean' },
          config: { type: 'object', default: {} },
          timeoutMs: { type: 'integer', minimum: 10, maximum: 600_000, default: DEFAULT_TOOL_TIMEOUT_MS },
        },
      },
    },
  },
};

const checker = compileJsonSchema<McpPluginsFile>(FILE_SCHEMA, 'mcp-plugins');

/** What a missing file means: no MCP plugin is enabled. */
export const NO_PLUGINS: McpPluginsFile = Object.freeze({ version: 1, plugins: {} }) as McpPluginsFile;

/**
 * Reads `config/mcp-plugins.json` (or the file `MCP_PLUGINS_CONFIG` names). A missing file enables
 * nothing; an unreadable or invalid one is an error listing every problem.
 *
 * @throws PluginSetupError `PLUGINS_CONFIG_UNREADABLE` or `PLUGINS_CONFIG_INVALID`.
 */
export async function loadMcpPluginsFile(path: string): Promise<McpPluginsFile> {
  const value = await readJsonFile(path, { unreadable: 'PLUGINS_CONFIG_UNREADABLE', invalid: 'PLUGINS_CONFIG_INVALID' });
  if (value === undefined) return NO_PLUGINS;
  const checked = checker.check(value);
  if (!checked.ok) throw new PluginSetupError('PLUGINS_CONFIG_INVALID', path, checked.errors);
  return checked.value;
}
