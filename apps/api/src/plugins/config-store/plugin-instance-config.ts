/** Where a plugin instance's code runs. */
export const PLUGIN_ISOLATION_MODES = ['in-process', 'worker', 'process'] as const;

/** One of {@link PLUGIN_ISOLATION_MODES}. */
export type PluginIsolationMode = (typeof PLUGIN_ISOLATION_MODES)[number];

/** Instance ids (and plugin ids): lower case letter first, then letters, digits and dashes, 2–63 characters. */
export const INSTANCE_ID_PATTERN = /^[a-z][a-z0-9-]{1,62}$/;

/** How many replaced versions the store keeps per instance, besides the current one. */
export const KEPT_VERSIONS = 10;

/**
 * The stored configuration of one plugin instance. The default instance of a plugin uses the plugin
 * id as its instance id. What the store returns has secret settings decrypted, in memory only: never
 * log it or send it to a client as is.
 */
export interface PluginInstanceConfig {
  instanceId: string;
  pluginId: string;
  enabled: boolean;
  /** The plugin's settings, as saved (schema defaults are not filled in). */
  settings: Record<string, unknown>;
  isolation: PluginIsolationMode;
  /** 1 for the first save of an instance, then 2, 3, … */
  version: number;
  updatedAt: Date;
  /** Who saved this version (for example `admin:<keyId>` or `migrate-config`). */
  updatedBy: string;
}
