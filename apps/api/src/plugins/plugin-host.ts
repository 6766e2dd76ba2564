import { resolve } from 'node:path';
import { inject, injectable, type Container } from 'inversify';
import {
  PLUGIN_API_VERSION,
  isOutboundFaxPlugin,
  type HostInfo,
  type OutboundFaxPlugin,
  type ResolvedPluginManifest,
} from '@faxbot/plugin-sdk';
import type { Logger } from '@faxbot/audit';
import { nodeModulesRoots } from '@faxbot/plugin-packages';
import type { AppConfig } from '../config/app-config';
import { EventBus } from '../events/event-bus';
import { API_TOKENS } from '../tokens';
import { IsolatedPlugin } from './isolation/isolated-plugin';
import { assessPlugins } from './plugin-assessment';
import { discoverPlugins } from './plugin-discovery';
import { PluginInstance, type InstanceHealth } from './plugin-instance';
import { startPluginCode } from './plugin-runtime';
import type { DiscoveredPlugin } from './plugin-state';
import { InstanceConfigSource, type InstancePlan } from './instance-config.source';
import { withTimeout } from './with-timeout';

/** Plugin API versions this host implements. */
export const SUPPORTED_API_VERSIONS: readonly number[] = [PLUGIN_API_VERSION];

/** The root container, bound so the host can give each plugin instance a child of it. */
export const CONTAINER_TOKEN = Symbol.for('faxbot.api.Container');

const API_PACKAGE_DIR = resolve(__dirname, '..', '..');
const HOST_VERSION = (require(resolve(API_PACKAGE_DIR, 'package.json')) as { version: string }).version;

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Discovers backend plugins, gates them (allowlist, compatibility), and runs their configured
 * instances — each with its own scoped deps, in-process or isolated — keeping every state with
 * its reason. A plugin that fails in any call is marked and contained; the host carries on.
 */
@injectable()
export class PluginHost {
  private plugins: DiscoveredPlugin[] = [];
  private readonly running = new Map<string, PluginInstance>();
  private readonly hostInfo: HostInfo = { apiVersion: PLUGIN_API_VERSION, version: HOST_VERSION };
  private healthTimer: NodeJS.Timeout | null = null;

  constructor(
    @inject(API_TOKENS.Config) private readonly config: AppConfig,
    @inject(API_TOKENS.Logger) private readonly logger: Logger,
    @inject(CONTAINER_TOKEN) private readonly container: Container,
    @inject(InstanceConfigSource) private readonly configs: InstanceConfigSource,
    @inject(EventBus) private readonly events: EventBus,
  ) {}

  /** Folders scanned for plugin packages, in priority order. */
  roots(): string[] {
    return [...this.config.pluginPaths, ...this.configs.extraRoots(), ...nodeModulesRoots(API_PACKAGE_DIR)];
  }

  async discover(): Promise<void> {
    const found = await discoverPlugins(this.roots(), 'backend');
    this.plugins = await assessPlugins(found, {
      allowlistPath: this.config.plugins.allowlistPath,
      devMode: this.config.plugins.devMode,
      apiPackageDir: API_PACKAGE_DIR,
      supportedApiVersions: SUPPORTED_API_VERSIONS,
    });
    for (const plugin of this.plugins) {
      if (plugin.state !== 'discovered') this.logger.warn({ plugin: plugin.id, package: plugin.packageName, state: plugin.state, reason: plugin.reason }, 'plugin not loadable');
    }
    this.logger.info({ count: this.plugins.length, ids: this.plugins.map((p) => p.id) }, 'plugins discovered');
  }

  /** Starts every enabled instance, then checks health periodically. */
  async startConfigured(): Promise<void> {
    for (const plan of await this.configs.plans(this.plugins)) {
      if (plan.enabled) await this.startInstance(plan);
      else this.remember(plan, 'stopped', 'disabled');
    }
    this.healthTimer = setInterval(() => void this.checkHealth(), this.config.plugins.healthIntervalMs);
    this.healthTimer.unref();
  }

  list(): readonly DiscoveredPlugin[] {
    return this.plugins;
  }

  find(pluginId: string): DiscoveredPlugin | undefined {
    return this.plugins.find((plugin) => plugin.id === pluginId);
  }

  instances(): PluginInstance[] {
    return [...this.running.values()];
  }

  instance(instanceId: string): PluginInstance | undefined {
    return this.running.get(instanceId);
  }

  /**
   * The outbound plugin of a running instance, wrapped so calls count as in flight (a restart
   * waits for them). Null when the instance is unknown, not running or cannot send.
   */
  getOutbound(instanceId: string): OutboundFaxPlugin | null {
    const instance = this.running.get(instanceId);
    const plugin = instance?.plugin;
    if (instance === undefined || plugin == null || !['running', 'degraded'].includes(instance.state)) return null;
    // An isolated proxy has every method; ask it what the plugin really implements. While it
    // restarts, jobs wait (null) instead of spending their attempts on refused calls.
    const isolated = plugin instanceof IsolatedPlugin ? plugin : null;
    if (isolated !== null && (isolated.state !== 'running' || !isolated.has('send') || !isolated.has('getStatus'))) return null;
    if (!isOutboundFaxPlugin(plugin)) return null;
    const canCancel = isolated === null ? plugin.cancel !== undefined : isolated.has('cancel');
    return {
      validateConfig: (config) => plugin.validateConfig(config),
      start: () => Promise.reject(new Error('managed by the host')),
      stop: () => Promise.reject(new Error('managed by the host')),
      send: (options) => instance.track(() => plugin.send(options)),
      getStatus: (query) => instance.track(() => plugin.getStatus(query)),
      ...(canCancel && plugin.cancel ? { cancel: (query) => instance.track(() => (plugin.cancel as NonNullable<OutboundFaxPlugin['cancel']>)(query)) } : {}),
    };
  }

  /** Why the instance named by FAX_BACKEND cannot send, or null when it can. */
  outboundProblem(instanceId = this.config.faxBackend): string | null {
    const instance = this.running.get(instanceId);
    if (instance === undefined) {
      const plugin = this.find(instanceId);
      if (plugin === undefined) return `outbound plugin "${instanceId}" (FAX_BACKEND) is not installed`;
      return `outbound plugin "${instanceId}" is ${plugin.state}${plugin.reason ? `: ${plugin.reason}` : ''}`;
    }
    if (!['running', 'degraded'].includes(instance.state)) return `outbound instance "${instanceId}" is ${instance.state}${instance.reason ? `: ${instance.reason}` : ''}`;
    if (this.getOutbound(instanceId) === null) return `instance "${instanceId}" does not implement sending`;
    return null;
  }

  /** Re-reads one instance's configuration and restarts only that instance. */
  async restartInstance(instanceId: string): Promise<PluginInstance | undefined> {
    const plan = (await this.configs.plans(this.plugins)).find((candidate) => candidate.instanceId === instanceId);
    const pluginId = plan?.pluginId ?? this.running.get(instanceId)?.pluginId;
    if (pluginId !== undefined) this.events.emit('plugin.config_changed', { pluginId, instanceId });
    await this.stopInstance(instanceId, 'reload');
    if (plan === undefined) return undefined;
    if (plan.enabled) await this.startInstance(plan);
    else this.remember(plan, 'stopped', 'disabled');
    return this.running.get(instanceId);
  }

  /** Running instances and what they can do (for the MCP server and the UI). */
  capabilities(): Array<{ instanceId: string; pluginId: string; categories: string[]; capabilities: string[] }> {
    return this.instances()
      .filter((instance) => ['running', 'degraded'].includes(instance.state))
      .map((instance) => {
        const manifest = this.find(instance.pluginId)?.manifest;
        return { instanceId: instance.instanceId, pluginId: instance.pluginId, categories: [...(manifest?.categories ?? [])], capabilities: [...(manifest?.capabilities ?? [])] };
      });
  }

  async stopAll(): Promise<void> {
    if (this.healthTimer) clearInterval(this.healthTimer);
    for (const instanceId of [...this.running.keys()].reverse()) await this.stopInstance(instanceId, 'shutdown');
  }

  async stopInstance(instanceId: string, why: 'reload' | 'disable' | 'shutdown'): Promise<void> {
    const instance = this.running.get(instanceId);
    if (instance === undefined) return;
    if (!(await instance.drain(this.config.plugins.stopTimeoutMs))) this.logger.warn({ instance: instanceId, inFlight: instance.callsInFlight }, 'stopping with calls still in flight');
    try {
      if (instance.plugin) await withTimeout(instance.plugin.stop(), this.config.plugins.stopTimeoutMs, 'stop');
    } catch (error) {
      this.logger.warn({ instance: instanceId, reason: messageOf(error) }, 'plugin did not stop cleanly');
    }
    await instance.dispose().catch(() => undefined);
    if (instance.plugin !== null) this.events.emit('plugin.stopped', { pluginId: instance.pluginId, instanceId, reason: why });
    instance.state = 'stopped';
    instance.reason = why === 'disable' ? 'disabled' : null;
    if (why !== 'shutdown') this.running.delete(instanceId);
  }

  private remember(plan: InstancePlan, state: PluginInstance['state'], reason: string | null): PluginInstance {
    const instance = new PluginInstance(plan.instanceId, plan.pluginId, plan.isolation, plan.config, plan.enabled);
    instance.state = state;
    instance.reason = reason;
    this.running.set(plan.instanceId, instance);
    return instance;
  }

  private async startInstance(plan: InstancePlan): Promise<void> {
    const plugin = this.find(plan.pluginId);
    if (plugin === undefined || plugin.manifest === null || plugin.state !== 'discovered') {
      this.failed(this.remember(plan, 'failed', plugin ? `plugin is ${plugin.state}${plugin.reason ? `: ${plugin.reason}` : ''}` : `plugin "${plan.pluginId}" is not installed`));
      return;
    }
    if (plan.configErrors.length > 0) {
      this.failed(this.remember(plan, 'failed', `configuration invalid: ${plan.configErrors.join('; ')}`));
      this.logger.error({ instance: plan.instanceId, reason: plan.configErrors.join('; ') }, 'plugin configuration invalid');
      return;
    }
    const started = Date.now();
    const placeholder = this.remember(plan, 'starting', null);
    try {
      const code = await startPluginCode({
        plugin: plugin as DiscoveredPlugin & { manifest: ResolvedPluginManifest },
        plan,
        parent: this.container,
        logger: this.logger,
        dataDir: this.config.dataDir,
        host: this.hostInfo,
        timeoutMs: this.config.pluginStartTimeoutMs,
        stopTimeoutMs: this.config.plugins.stopTimeoutMs,
        maxCrashes: this.config.plugins.maxCrashes,
        restartBackoffMs: this.config.plugins.restartBackoffMs,
        onIsolatedStateChange: (state, reason) => this.onIsolatedStateChange(plan.instanceId, state, reason),
      });
      const instance = new PluginInstance(plan.instanceId, plan.pluginId, plan.isolation, plan.config, plan.enabled, code.dispose);
      instance.plugin = code.plugin;
      instance.state = 'running';
      instance.startedAt = new Date();
      instance.startMs = Date.now() - started;
      this.running.set(plan.instanceId, instance);
      this.logger.info({ instance: plan.instanceId, plugin: plan.pluginId, isolation: plan.isolation, ms: instance.startMs }, 'plugin started');
      this.events.emit('plugin.started', { pluginId: plan.pluginId, instanceId: plan.instanceId, isolation: plan.isolation, ms: instance.startMs });
    } catch (error) {
      placeholder.state = 'failed';
      placeholder.reason = messageOf(error);
      this.logger.error({ instance: plan.instanceId, reason: placeholder.reason }, 'plugin failed to start');
      this.failed(placeholder);
    }
  }

  /** Tells subscribers that an instance is `failed`, with its (scrubbed) reason. */
  private failed(instance: PluginInstance): void {
    this.events.emit('plugin.error', { pluginId: instance.pluginId, instanceId: instance.instanceId, reason: instance.reason ?? 'failed' });
  }

  private onIsolatedStateChange(instanceId: string, state: 'running' | 'restarting' | 'failed', reason: string | null): void {
    const instance = this.running.get(instanceId);
    if (instance === undefined) return;
    if (state === 'failed') {
      instance.state = 'failed';
      instance.reason = reason;
      this.logger.error({ instance: instanceId, reason }, 'isolated plugin failed');
      this.failed(instance);
    } else if (state === 'restarting') {
      instance.state = 'degraded';
      instance.reason = reason ?? 'restarting after a crash';
    } else if (instance.state === 'degraded') {
      instance.state = 'running';
      instance.reason = null;
    }
  }

  /**
   * Asks one running instance for its health now (within `timeoutMs`) and records the answer; null
   * when the instance is not running or has no `health()`. Used by `/health/ready`, so a provider
   * connection that is down (a refused AMI login) shows as not ready at once.
   */
  async probeHealth(instanceId: string, timeoutMs: number): Promise<InstanceHealth | null> {
    const instance = this.running.get(instanceId);
    if (instance === undefined || !['running', 'degraded'].includes(instance.state) || !instance.plugin?.health) return null;
    await this.checkInstance(instance, timeoutMs);
    return instance.health;
  }

  private async checkHealth(): Promise<void> {
    for (const instance of this.running.values()) {
      if (!['running', 'degraded'].includes(instance.state) || !instance.plugin?.health) continue;
      await this.checkInstance(instance, this.config.pluginStartTimeoutMs);
    }
  }

  private async checkInstance(instance: PluginInstance, timeoutMs: number): Promise<void> {
    const plugin = instance.plugin;
    if (plugin?.health === undefined) return;
    try {
      const answer = await withTimeout(plugin.health(), timeoutMs, 'health');
      instance.health = { status: answer.status, detail: answer.detail ?? null, checkedAt: new Date() };
    } catch (error) {
      instance.health = { status: 'down', detail: messageOf(error), checkedAt: new Date() };
    }
    this.events.emit('health.check', { pluginId: instance.pluginId, instanceId: instance.instanceId, status: instance.health.status });
    if (instance.state === 'running' && instance.health.status !== 'ok') {
      instance.state = 'degraded';
      instance.reason = `health ${instance.health.status}${instance.health.detail ? `: ${instance.health.detail}` : ''}`;
    } else if (instance.state === 'degraded' && instance.health.status === 'ok' && instance.reason?.startsWith('health ') === true) {
      instance.state = 'running';
      instance.reason = null;
    }
  }
}
