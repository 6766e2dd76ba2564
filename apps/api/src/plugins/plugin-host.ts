import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Container, inject, injectable } from 'inversify';
import {
  PLUGIN_API_VERSION,
  TOKENS,
  isOutboundFaxPlugin,
  type BackendPlugin,
  type HostInfo,
  type OutboundFaxPlugin,
  type PluginDeps,
} from '@faxbot/plugin-sdk';
import type { Logger } from '@faxbot/audit';
import type { AppConfig } from '../config/app-config';
import { API_TOKENS } from '../tokens';
import { discoverPlugins } from './plugin-discovery';
import { resolvePluginConfig } from './plugin-config.resolver';
import { createPluginLogger } from './plugin-logger.adapter';
import { nodeModulesRoots } from './node-modules-roots';
import type { DiscoveredPlugin } from './plugin-state';
import { withTimeout } from './with-timeout';

// The API package's own version, as plugins see it in deps.host.
const HOST_VERSION = (require('../../package.json') as { version: string }).version;

/** Plugin API versions this host implements. */
export const SUPPORTED_API_VERSIONS: readonly number[] = [PLUGIN_API_VERSION];

/** The root container, bound so the host can give each plugin instance a child of it. */
export const CONTAINER_TOKEN = Symbol.for('faxbot.api.Container');

interface RunningInstance {
  plugin: BackendPlugin;
  child: Container;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Discovers backend plugins, starts the enabled ones each in its own child container with scoped
 * deps, and keeps their state. A plugin that fails to load or start is marked `failed` with the
 * reason; the host carries on.
 */
@injectable()
export class PluginHost {
  private plugins: DiscoveredPlugin[] = [];
  private readonly running = new Map<string, RunningInstance>();
  private readonly hostInfo: HostInfo;

  constructor(
    @inject(API_TOKENS.Config) private readonly config: AppConfig,
    @inject(API_TOKENS.Logger) private readonly logger: Logger,
    @inject(CONTAINER_TOKEN) private readonly container: Container,
  ) {
    this.hostInfo = { apiVersion: PLUGIN_API_VERSION, version: HOST_VERSION };
  }

  /** Folders scanned for plugin packages, in priority order. */
  roots(): string[] {
    return [...this.config.pluginPaths, ...nodeModulesRoots(resolve(__dirname))];
  }

  async discover(): Promise<void> {
    this.plugins = await discoverPlugins(this.roots(), 'backend');
    for (const plugin of this.plugins) {
      if (plugin.state === 'invalid') this.logger.warn({ plugin: plugin.id, package: plugin.packageName, reason: plugin.reason }, 'plugin skipped: invalid');
      else if (plugin.manifest && !SUPPORTED_API_VERSIONS.includes(plugin.manifest.apiVersion)) {
        plugin.state = 'invalid';
        plugin.reason = `apiVersion ${plugin.manifest.apiVersion} is not supported (host supports ${SUPPORTED_API_VERSIONS.join(', ')})`;
        this.logger.warn({ plugin: plugin.id, reason: plugin.reason }, 'plugin skipped: incompatible');
      }
    }
    this.logger.info({ count: this.plugins.length, ids: this.plugins.map((p) => p.id) }, 'plugins discovered');
  }

  /** Starts the plugins this process needs: for now the outbound plugin named by FAX_BACKEND. */
  async startEnabled(): Promise<void> {
    await this.start(this.config.faxBackend);
  }

  list(): readonly DiscoveredPlugin[] {
    return this.plugins;
  }

  find(id: string): DiscoveredPlugin | undefined {
    return this.plugins.find((plugin) => plugin.id === id);
  }

  /** The running outbound plugin with this id, or null (not found, not running, not outbound). */
  getOutbound(id: string): OutboundFaxPlugin | null {
    const instance = this.running.get(id);
    return instance !== undefined && isOutboundFaxPlugin(instance.plugin) ? instance.plugin : null;
  }

  /** Why the configured outbound plugin cannot send, or null when it can. */
  outboundProblem(): string | null {
    const id = this.config.faxBackend;
    const plugin = this.find(id);
    if (plugin === undefined) return `outbound plugin "${id}" (FAX_BACKEND) is not installed`;
    if (plugin.state !== 'running') return `outbound plugin "${id}" is ${plugin.state}${plugin.reason ? `: ${plugin.reason}` : ''}`;
    if (this.getOutbound(id) === null) return `plugin "${id}" does not implement sending`;
    return null;
  }

  async start(id: string): Promise<void> {
    const plugin = this.find(id);
    if (plugin === undefined || plugin.manifest === null || plugin.state === 'invalid' || this.running.has(id)) return;
    plugin.state = 'starting';
    plugin.reason = null;
    const started = Date.now();
    try {
      const config = resolvePluginConfig(plugin.manifest, this.config.env);
      if (!config.ok) throw new Error(`configuration invalid: ${config.errors.join('; ')}`);
      const module = (await import(join(plugin.dir, plugin.manifest.entry))) as Record<string, unknown>;
      const factory = module['createPlugin'] ?? (module['default'] as Record<string, unknown> | undefined)?.['createPlugin'];
      if (typeof factory !== 'function') throw new Error('entry does not export createPlugin()');
      const instance = (factory as () => BackendPlugin)();
      const verdict = await withTimeout(instance.validateConfig(config.config), this.config.pluginStartTimeoutMs, 'validateConfig');
      if (!verdict.ok) throw new Error(`configuration refused: ${verdict.errors.join('; ')}`);
      const child = await this.createChildContainer(plugin, config.config);
      try {
        await withTimeout(instance.start(config.config, child.get<PluginDeps>(TOKENS.PluginDeps)), this.config.pluginStartTimeoutMs, 'start');
      } catch (error) {
        await withTimeout(instance.stop(), this.config.pluginStartTimeoutMs, 'stop').catch(() => undefined);
        throw error;
      }
      this.running.set(id, { plugin: instance, child });
      plugin.state = 'running';
      this.logger.info({ plugin: id, ms: Date.now() - started }, 'plugin started');
    } catch (error) {
      plugin.state = 'failed';
      plugin.reason = messageOf(error);
      this.logger.error({ plugin: id, reason: plugin.reason }, 'plugin failed to start');
    }
  }

  async stopAll(): Promise<void> {
    for (const [id, instance] of [...this.running].reverse()) {
      try {
        await withTimeout(instance.plugin.stop(), this.config.pluginStartTimeoutMs, 'stop');
      } catch (error) {
        this.logger.warn({ plugin: id, reason: messageOf(error) }, 'plugin did not stop cleanly');
      }
      instance.child.unbindAll();
      this.running.delete(id);
      const plugin = this.find(id);
      if (plugin) plugin.state = 'stopped';
    }
  }

  private async createChildContainer(plugin: DiscoveredPlugin, config: Record<string, unknown>): Promise<Container> {
    const instanceId = plugin.id;
    const dataDir = join(this.config.dataDir, 'plugins', instanceId);
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    const child = new Container({ parent: this.container, defaultScope: 'Singleton' });
    child.bind(TOKENS.PluginLogger).toConstantValue(createPluginLogger(this.logger, plugin.id, instanceId));
    child.bind(TOKENS.PluginConfig).toConstantValue(Object.freeze({ ...config }));
    child.bind(TOKENS.PluginDataDir).toConstantValue(dataDir);
    child.bind(TOKENS.HostInfo).toConstantValue(this.hostInfo);
    child.bind<PluginDeps>(TOKENS.PluginDeps).toDynamicValue((context) => ({
      pluginId: plugin.id,
      instanceId,
      logger: context.get(TOKENS.PluginLogger),
      dataDir: context.get(TOKENS.PluginDataDir),
      host: context.get(TOKENS.HostInfo),
    }));
    return child;
  }
}
