import { compileJsonSchema, MCP_PLUGIN_API_VERSION, resolveInsidePackage, type McpPlugin, type McpPluginManifest } from '@faxbot/mcp-plugin-sdk';
import { gateInstalledPackage, nodeModulesRoots, readBundledPackages, type GateHost } from '@faxbot/plugin-packages';
import type { McpPluginSettings } from '../config/mcp-plugin-settings';
import type { Logger } from '../logging/stderr.logger';
import type { AnyToolDefinition } from '../tools/tool-definition';
import { discoverMcpPlugins, type DiscoveredMcpPlugin } from './discover-mcp-plugins';
import { loadAllowlist } from './mcp-allowlist';
import { loadMcpPluginsFile, type McpPluginEntry } from './mcp-plugins-file';
import { createPluginLogger } from './plugin-logger';
import { createPluginTool } from './plugin-tool.factory';
import { withTimeout } from './with-timeout';

/** What happened to one discovered plugin. */
export interface McpPluginReport {
  id: string;
  packageName: string;
  version: string;
  state: 'loaded' | 'invalid' | 'blocked' | 'disabled' | 'incompatible' | 'failed';
  reason: string | null;
}

/** The plugins that loaded, as server tools, and a report of every plugin found. */
export interface LoadedMcpPlugins {
  tools: AnyToolDefinition[];
  reports: McpPluginReport[];
  /** Stops every started plugin; a plugin that throws or hangs is logged and skipped. */
  stop(): Promise<void>;
}

/** Options of {@link loadMcpPlugins}. */
export interface LoadMcpPluginsOptions {
  settings: McpPluginSettings;
  logger: Logger;
  /** The `@faxbot/mcp` package folder: its node_modules are searched and its dependencies count as bundled. */
  hostPackageDir: string;
  hostVersion: string;
  /** Longest `start()` may take; default 10 s. */
  startTimeoutMs?: number;
}

const SUPPORTED_API_VERSIONS = [MCP_PLUGIN_API_VERSION];
const STOP_TIMEOUT_MS = 5_000;
/** How this server names itself in the allowlist gate's reasons. */
const MCP_HOST: GateHost = { packageName: '@faxbot/mcp', devModeVariable: 'MCP_PLUGIN_DEV_MODE' };

class NotLoaded extends Error {
  constructor(
    readonly state: McpPluginReport['state'],
    reason: string,
  ) {
    super(reason);
  }
}

function factoryOf(moduleExports: unknown): () => McpPlugin {
  const exported = moduleExports as { createPlugin?: unknown; default?: { createPlugin?: unknown } } | null;
  const factory = exported?.createPlugin ?? exported?.default?.createPlugin;
  if (typeof factory !== 'function') throw new NotLoaded('invalid', 'the entry module does not export a createPlugin function');
  return factory as () => McpPlugin;
}

async function startPlugin(plugin: DiscoveredMcpPlugin & { manifest: McpPluginManifest }, entry: McpPluginEntry, options: LoadMcpPluginsOptions): Promise<McpPlugin> {
  const { manifest } = plugin;
  if (!SUPPORTED_API_VERSIONS.includes(manifest.apiVersion)) {
    throw new NotLoaded('incompatible', `apiVersion ${manifest.apiVersion} is not supported (this server supports ${SUPPORTED_API_VERSIONS.join(', ')})`);
  }
  const config = compileJsonSchema(manifest.configSchema ?? { type: 'object' }, 'config').check(entry.config);
  if (!config.ok) throw new NotLoaded('invalid', `config does not match the plugin's configSchema: ${config.errors.join('; ')}`);
  let instance: McpPlugin;
  try {
    // Plugin code runs from here on, and only for allowed, enabled, configured plugins.
    instance = factoryOf(require(await resolveInsidePackage(plugin.dir, manifest.entry)))();
    if (typeof instance?.callTool !== 'function') throw new NotLoaded('invalid', 'createPlugin() did not return an object with callTool');
    const context = { pluginId: manifest.id, config: config.value, logger: createPluginLogger(options.logger, manifest.id), host: { apiVersion: MCP_PLUGIN_API_VERSION, version: options.hostVersion } };
    await withTimeout(() => instance.start?.(context), options.startTimeoutMs ?? 10_000);
  } catch (error) {
    if (error instanceof NotLoaded) throw error;
    throw new NotLoaded('failed', `failed to start: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
  }
  return instance;
}

/**
 * The MCP plugin system's start-up: discovers `kind: "mcp"` packages (manifests only), gates
 * them with the allowlist, keeps those enabled in `mcp-plugins.json`, checks their config, then
 * loads and starts them and turns their tools into server tools named `<pluginId>_<toolName>`.
 * Every plugin not loaded is logged with its reason; no failure here stops the server.
 *
 * @example
 * const plugins = await loadMcpPlugins({ settings: config.plugins, logger, hostPackageDir, hostVersion: version });
 * const server = createServer({ ...deps, pluginTools: plugins.tools });
 */
export async function loadMcpPlugins(options: LoadMcpPluginsOptions): Promise<LoadedMcpPlugins> {
  const { settings, logger } = options;
  const started: Array<{ id: string; instance: McpPlugin }> = [];
  const tools: AnyToolDefinition[] = [];
  const reports: McpPluginReport[] = [];
  const stop = async (): Promise<void> => {
    for (const { id, instance } of started.reverse()) {
      await withTimeout(() => instance.stop?.(), STOP_TIMEOUT_MS).catch((error: unknown) => logger.warn('mcp plugin did not stop cleanly', { plugin: id, errorName: (error as Error).name }));
    }
  };

  let file, allowlist;
  try {
    [file, allowlist] = await Promise.all([loadMcpPluginsFile(settings.configPath), loadAllowlist(settings.allowlistPath)]);
  } catch (error) {
    logger.error('mcp plugins not loaded: a plugin settings file is unusable', { error });
    return { tools, reports, stop };
  }
  const roots = [...settings.searchPaths, ...nodeModulesRoots(options.hostPackageDir)];
  // No readable host package.json: nothing counts as bundled.
  const [discovered, bundled] = await Promise.all([discoverMcpPlugins(roots), readBundledPackages(options.hostPackageDir).catch(() => ({}))]);

  for (const plugin of discovered) {
    const report: McpPluginReport = { id: plugin.id, packageName: plugin.packageName, version: plugin.version, state: 'loaded', reason: null };
    try {
      if (plugin.state === 'invalid' || plugin.manifest === null) throw new NotLoaded('invalid', plugin.reason ?? 'invalid manifest');
      const entry = file.plugins[plugin.id];
      if (entry?.enabled !== true) throw new NotLoaded('disabled', entry === undefined ? `not listed in ${settings.configPath}` : `enabled is false in ${settings.configPath}`);
      const candidate = { packageName: plugin.packageName, version: plugin.version, id: plugin.id, kind: 'mcp' as const, dir: plugin.dir };
      const gate = await gateInstalledPackage(candidate, { host: MCP_HOST, allowlist, bundled, devMode: settings.devMode });
      if (gate.verdict === 'blocked') throw new NotLoaded('blocked', gate.reason);
      const instance = await startPlugin({ ...plugin, manifest: plugin.manifest }, entry, options);
      started.push({ id: plugin.id, instance });
      const pluginTools = plugin.manifest.tools.map((tool) => createPluginTool({ pluginId: plugin.id, plugin: instance, tool, timeoutMs: entry.timeoutMs, logger }));
      tools.push(...pluginTools);
      logger.info('mcp plugin loaded', { plugin: plugin.id, package: plugin.packageName, version: plugin.version, via: gate.via, tools: pluginTools.map((tool) => tool.name) });
    } catch (error) {
      report.state = error instanceof NotLoaded ? error.state : 'failed';
      report.reason = error instanceof NotLoaded ? error.message : `unexpected ${(error as Error).name}`;
      logger[report.state === 'disabled' ? 'info' : 'warn']('mcp plugin not loaded', { plugin: plugin.id, package: plugin.packageName, version: plugin.version, state: report.state, reason: report.reason });
    }
    reports.push(report);
  }
  for (const id of Object.keys(file.plugins)) {
    if (!discovered.some((plugin) => plugin.id === id)) logger.warn('mcp plugin configured but not found', { plugin: id });
  }
  return { tools, reports, stop };
}
