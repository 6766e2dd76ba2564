import { delimiter, resolve } from 'node:path';
import { boolean, list, text, type Env } from './env-readers';

/** Where the MCP plugin system finds its files, and how strict it is. */
export interface McpPluginSettings {
  /** `MCP_PLUGINS_CONFIG`: which plugins are enabled and their config (default `config/mcp-plugins.json`). */
  configPath: string;
  /** `FAXBOT_ALLOWLIST_PATH`: the allowlist shared with the API; the MCP server uses its `kind: "mcp"` entries. */
  allowlistPath: string;
  /** `MCP_PLUGIN_PATH`: extra folders searched before `node_modules`. */
  searchPaths: string[];
  /** `MCP_PLUGIN_DEV_MODE`: plugins in workspace folders load without an allowlist entry. */
  devMode: boolean;
}

/**
 * Reads the MCP plugin settings from the environment; relative paths resolve against `cwd`.
 *
 * @example
 * const settings = mcpPluginSettings({ MCP_PLUGINS_CONFIG: '/etc/faxbot/mcp-plugins.json' }, process.cwd());
 */
export function mcpPluginSettings(env: Env, cwd: string): McpPluginSettings {
  return {
    configPath: resolve(cwd, text(env, 'MCP_PLUGINS_CONFIG') ?? 'config/mcp-plugins.json'),
    allowlistPath: resolve(cwd, text(env, 'FAXBOT_ALLOWLIST_PATH') ?? 'plugin-allowlist.json'),
    searchPaths: list(env, 'MCP_PLUGIN_PATH', delimiter).map((path) => resolve(cwd, path)),
    devMode: boolean(env, 'MCP_PLUGIN_DEV_MODE', false),
  };
}
