/** Categories a backend plugin can declare; the host and the admin UI group plugins by them. */
export const PLUGIN_CATEGORIES = [
  'outbound',
  'inbound',
  'messaging',
  'voice',
  'email',
  'storage',
  'auth',
  'transform',
  'analytics',
  'custom',
] as const;

/** One of {@link PLUGIN_CATEGORIES}. */
export type PluginCategory = (typeof PLUGIN_CATEGORIES)[number];

/** Manifest format version this SDK reads and writes. */
export const MANIFEST_VERSION = 1;

/** Plugin API versions this SDK describes; a host lists the ones it supports. */
export const PLUGIN_API_VERSION = 1;

/**
 * The `faxbot` object in a plugin package's `package.json`. The host reads and validates it
 * without importing any plugin code.
 */
export interface PluginManifest {
  manifestVersion: 1;
  /** Stable id, independent of the npm name: lower case, digits and dashes, 2–63 characters. */
  id: string;
  /** `backend` plugins run in the API; `mcp` plugins in the MCP server. */
  kind: 'backend' | 'mcp';
  apiVersion: number;
  /** Module to import, relative to the package root; must stay inside the package. */
  entry: string;
  name?: string;
  description?: string;
  categories?: PluginCategory[];
  /** Free-form capability words (`send`, `get_status`, `webhook`, ...), shown by the UI and MCP. */
  capabilities?: string[];
  /**
   * JSON Schema of the plugin's configuration. Mark secrets with `"writeOnly": true` and map an
   * environment variable to a field with `"x-env": "NAME"`.
   */
  configSchema?: Record<string, unknown>;
  /** Extension fields, ignored by the host. */
  [extension: `x-${string}`]: unknown;
}
