import { inject, injectable, optional } from 'inversify';
import type { ResolvedPluginManifest } from '@faxbot/plugin-sdk';
import type { AppConfig } from '../config/app-config';
import { API_TOKENS } from '../tokens';
import type { PluginConfigStore } from './config-store/plugin-config.store';
import { installedPluginsRoot } from './install/install-plugin';
import { resolvePluginConfig, type FieldSource } from './plugin-config.resolver';
import type { DiscoveredPlugin, IsolationTier } from './plugin-state';

/** Everything the host needs to start (or refuse to start) one instance. */
export interface InstancePlan {
  instanceId: string;
  pluginId: string;
  enabled: boolean;
  isolation: IsolationTier;
  /** Effective configuration (defaults < store < environment), valid only when configErrors is empty. */
  config: Record<string, unknown>;
  configErrors: string[];
  /** Fields set by environment variables: shown as locked, not editable through the API. */
  locked: string[];
  sources: Record<string, FieldSource>;
  /** Store version of the instance, or null when it lives in the environment only. */
  version: number | null;
}

/** Which instances to plan beyond the configured ones, and unsaved settings to try. */
export interface PlanOptions {
  /** Also plan this plugin's default instance when nothing configures it (for viewing). */
  include?: string;
  /** Settings to use for one instance instead of the stored ones (for "test before saving"). */
  override?: { instanceId: string; pluginId: string; settings: Record<string, unknown> };
}

/**
 * Decides which plugin instances exist and with what configuration. With FEATURE_V3_PLUGINS off
 * this is the original behaviour: the FAX_BACKEND plugin, configured by environment variables.
 * With it on, instances come from the config store, and FAX_BACKEND still works without one.
 */
@injectable()
export class InstanceConfigSource {
  constructor(
    @inject(API_TOKENS.Config) private readonly config: AppConfig,
    @inject(API_TOKENS.PluginConfigStore) @optional() private readonly store: PluginConfigStore | undefined,
  ) {}

  /** Folders of plugins installed with `faxbot plugins install`. */
  extraRoots(): string[] {
    return [installedPluginsRoot(this.config.dataDir)];
  }

  async plans(plugins: readonly DiscoveredPlugin[], options: PlanOptions = {}): Promise<InstancePlan[]> {
    const manifestOf = (pluginId: string): ResolvedPluginManifest | null => plugins.find((plugin) => plugin.id === pluginId)?.manifest ?? null;
    const plans: InstancePlan[] = [];
    const { override } = options;
    if (this.config.plugins.v3 && this.store !== undefined) {
      for (const stored of await this.store.list()) {
        const settings = override?.instanceId === stored.instanceId ? override.settings : stored.settings;
        plans.push(this.plan(stored.instanceId, stored.pluginId, manifestOf(stored.pluginId), settings, { enabled: stored.enabled, isolation: stored.isolation, version: stored.version }));
      }
    }
    const extra = (instanceId: string, pluginId: string, enabled: boolean): void => {
      if (plans.some((plan) => plan.instanceId === instanceId)) return;
      const settings = override?.instanceId === instanceId ? override.settings : {};
      plans.push(this.plan(instanceId, pluginId, manifestOf(pluginId), settings, { enabled, isolation: this.config.plugins.defaultIsolation, version: null }));
    };
    extra(this.config.faxBackend, this.config.faxBackend, true);
    if (override !== undefined) extra(override.instanceId, override.pluginId, false);
    if (options.include !== undefined && manifestOf(options.include) !== null) extra(options.include, options.include, false);
    return plans;
  }

  private plan(
    instanceId: string,
    pluginId: string,
    manifest: ResolvedPluginManifest | null,
    settings: Record<string, unknown>,
    meta: { enabled: boolean; isolation: IsolationTier; version: number | null },
  ): InstancePlan {
    const base = { instanceId, pluginId, ...meta };
    if (manifest === null) return { ...base, config: {}, configErrors: [], locked: [], sources: {} };
    const resolved = resolvePluginConfig(manifest, this.config.env, settings);
    return {
      ...base,
      config: resolved.check.ok ? resolved.check.config : {},
      configErrors: resolved.check.ok ? [] : resolved.check.errors,
      locked: resolved.locked,
      sources: resolved.sources,
    };
  }
}
