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

/** Hints the admin UI uses to present a plugin; all optional. */
export interface PluginUiHints {
  /** Icon file, relative to the package root. */
  icon?: string;
  /** Link to the plugin's own documentation (https). */
  docsUrl?: string;
  /** Config fields in the order a form should show them. */
  fieldOrder?: string[];
}

/** What a plugin needs to run. */
export interface PluginRequirements {
  /** Hosts the plugin talks to (`api.example.com`, `*.example.com`); other egress is refused. */
  network?: string[];
  /** Node.js versions (a semver range), checked in addition to `engines.node`. */
  node?: string;
}

/** A provider callback path a plugin declares. */
export interface PluginWebhookDeclaration {
  /** Sub-path under the instance's webhook URL ('' for the root), e.g. `status` or `inbound`. */
  path: string;
  methods?: Array<'GET' | 'POST' | 'PUT'>;
  description?: string;
}

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
  /** The plugin's version; when present it must equal the package's `version`. */
  version?: string;
  /**
   * JSON Schema of the plugin's configuration, inline or as a path (relative, inside the package)
   * to a JSON file. Mark secrets with `"writeOnly": true`, map an environment variable to a field
   * with `"x-env": "NAME"`, and give the admin UI hints with `"x-ui"`.
   */
  configSchema?: Record<string, unknown> | string;
  /** Hints for the admin UI. */
  ui?: PluginUiHints;
  /** What the plugin needs from its environment. */
  requirements?: PluginRequirements;
  /** Provider callbacks the plugin expects at `/webhooks/{instanceId}/{path}`. */
  webhooks?: PluginWebhookDeclaration[];
  /** Extension fields, ignored by the host. */
  [extension: `x-${string}`]: unknown;
}
