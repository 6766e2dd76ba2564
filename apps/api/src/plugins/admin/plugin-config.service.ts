import { inject, injectable, optional } from 'inversify';
import { compileConfigSchema, type ResolvedPluginManifest } from '@faxbot/plugin-sdk';
import type { AppConfig } from '../../config/app-config';
import { ApiError } from '../../errors/api-error';
import { API_TOKENS } from '../../tokens';
import { ConfigStoreError } from '../config-store/config-store.error';
import type { PluginConfigStore } from '../config-store/plugin-config.store';
import { INSTANCE_ID_PATTERN, PLUGIN_ISOLATION_MODES, type PluginIsolationMode } from '../config-store/plugin-instance-config';
import { InstanceConfigSource, type InstancePlan } from '../instance-config.source';
import { PluginHost } from '../plugin-host';
import type { DiscoveredPlugin } from '../plugin-state';
import { withTimeout } from '../with-timeout';

/** Body of `PUT /plugins/{id}/config`. */
export interface ConfigUpdate {
  pluginId?: string;
  enabled?: boolean;
  isolation?: PluginIsolationMode;
  settings?: Record<string, unknown>;
  expectedVersion?: number;
}

/** What `GET /plugins/{id}/config` answers: effective values, never a secret. */
export interface ConfigView {
  instance_id: string;
  plugin_id: string;
  enabled: boolean;
  isolation: string;
  version: number | null;
  settings: Record<string, unknown>;
  secrets: Record<string, 'set' | 'unset'>;
  locked: string[];
  sources: Record<string, string>;
  schema: Record<string, unknown> | null;
}

/** Result of "Save & test". */
export interface TestResult {
  ok: boolean;
  errors: string[];
  health: { status: string; detail: string | null } | null;
}

// Store errors a client can act on become 4xx answers; anything else stays a 500.
async function translated<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof ConfigStoreError && error.code === 'CONFLICT') throw new ApiError('CONFLICT', 'The configuration changed since you read it (version mismatch)');
    if (error instanceof ConfigStoreError && error.code === 'INVALID_INPUT') throw new ApiError('BAD_REQUEST', error.message);
    throw error;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Reads, checks and changes plugin instance configuration for the admin API. */
@injectable()
export class PluginConfigService {
  constructor(
    @inject(API_TOKENS.Config) private readonly config: AppConfig,
    @inject(PluginHost) private readonly host: PluginHost,
    @inject(InstanceConfigSource) private readonly source: InstanceConfigSource,
    @inject(API_TOKENS.PluginConfigStore) @optional() private readonly store: PluginConfigStore | undefined,
  ) {}

  async view(instanceId: string): Promise<ConfigView> {
    const plan = await this.plan(instanceId);
    if (plan === undefined) throw new ApiError('NOT_FOUND', 'Plugin not found');
    return this.toView(plan, this.host.find(plan.pluginId)?.manifest ?? null);
  }

  /** Validates against the schema and the plugin's own check, saves a new version, restarts only this instance. */
  async update(instanceId: string, update: ConfigUpdate, actor: string): Promise<ConfigView> {
    const store = this.writableStore();
    if (!INSTANCE_ID_PATTERN.test(instanceId)) throw new ApiError('BAD_REQUEST', 'Instance ids use lower-case letters, digits and dashes (2-63 characters)');
    const stored = await store.get(instanceId);
    if (stored !== null && update.pluginId !== undefined && update.pluginId !== stored.pluginId) {
      throw new ApiError('BAD_REQUEST', `Instance ${instanceId} belongs to plugin ${stored.pluginId}`);
    }
    const pluginId = update.pluginId ?? stored?.pluginId ?? instanceId;
    const manifest = this.loadablePlugin(pluginId).manifest as ResolvedPluginManifest;
    const checker = compileConfigSchema(manifest.configSchema ?? { type: 'object' });
    const settings = update.settings ?? {};
    const envLocked = Object.entries(checker.envVariables)
      .filter(([, variables]) => variables.some((variable) => (this.config.env[variable] ?? '').trim() !== ''))
      .map(([field]) => field);
    const lockedTouched = Object.keys(settings).filter((field) => envLocked.includes(field));
    if (lockedTouched.length > 0) throw new ApiError('BAD_REQUEST', `Set by environment variables (locked): ${lockedTouched.join(', ')}`);
    const isolation = update.isolation ?? stored?.isolation ?? this.config.plugins.defaultIsolation;
    if (!PLUGIN_ISOLATION_MODES.includes(isolation)) throw new ApiError('BAD_REQUEST', `isolation must be one of ${PLUGIN_ISOLATION_MODES.join(', ')}`);

    // A secret left out keeps its stored value, so a form can save without re-entering it;
    // null clears a field (the store needs the null to drop a stored secret).
    const merged: Record<string, unknown> = { ...(stored?.settings ?? {}) };
    for (const [field, value] of Object.entries(settings)) {
      if (value === null && !checker.secretFields.includes(field)) delete merged[field];
      else merged[field] = value;
    }
    const test = await this.test(instanceId, merged, pluginId);
    if (test.errors.length > 0) throw new ApiError('BAD_REQUEST', `Invalid configuration: ${test.errors.join('; ')}`);
    await translated(() =>
      store.put(
        { instanceId, pluginId, enabled: update.enabled ?? stored?.enabled ?? true, isolation, settings: merged },
        { actor, secretFields: checker.secretFields, ...(update.expectedVersion === undefined ? {} : { expectedVersion: update.expectedVersion }) },
      ),
    );
    await this.host.restartInstance(instanceId);
    return this.view(instanceId);
  }

  async setEnabled(instanceId: string, enabled: boolean, actor: string): Promise<ConfigView> {
    const store = this.writableStore();
    const stored = await store.get(instanceId);
    if (stored === null) {
      const plan = await this.plan(instanceId);
      if (plan === undefined) throw new ApiError('NOT_FOUND', 'Plugin not found');
      this.loadablePlugin(plan.pluginId);
      await translated(() => store.put({ instanceId, pluginId: plan.pluginId, enabled, isolation: plan.isolation, settings: {} }, { actor, secretFields: [] }));
    } else {
      await translated(() =>
        store.put({ instanceId, pluginId: stored.pluginId, enabled, isolation: stored.isolation, settings: stored.settings }, { actor, secretFields: this.secretFieldsOf(stored.pluginId) }),
      );
    }
    await this.host.restartInstance(instanceId);
    return this.view(instanceId);
  }

  /**
   * "Save & test" without saving: the effective configuration (stored or the given settings)
   * against the schema and the running plugin's own `validateConfig`, then its `health()`.
   */
  async test(instanceId: string, settings?: Record<string, unknown>, pluginId?: string): Promise<TestResult> {
    const owner = pluginId ?? (await this.plan(instanceId))?.pluginId ?? instanceId;
    // Unsaved settings are tried on top of the stored ones, as a save would merge them.
    const stored = settings !== undefined && pluginId === undefined && this.store !== undefined && this.config.plugins.v3 ? await this.store.get(instanceId) : null;
    const trial = settings === undefined ? undefined : { ...(stored?.settings ?? {}), ...settings };
    const options = trial === undefined ? { include: instanceId } : { override: { instanceId, pluginId: owner, settings: trial } };
    const plan = (await this.source.plans(this.host.list(), options)).find((candidate) => candidate.instanceId === instanceId);
    if (plan === undefined) throw new ApiError('NOT_FOUND', 'Plugin not found');
    if (plan.configErrors.length > 0) return { ok: false, errors: plan.configErrors, health: null };
    const running = this.host.instance(instanceId)?.plugin ?? null;
    if (running === null) return { ok: true, errors: [], health: null };
    try {
      const verdict = await withTimeout(running.validateConfig(plan.config), this.config.pluginStartTimeoutMs, 'validateConfig');
      if (!verdict.ok) return { ok: false, errors: verdict.errors, health: null };
      const health = running.health ? await withTimeout(running.health(), this.config.pluginStartTimeoutMs, 'health') : null;
      return { ok: health === null || health.status === 'ok', errors: [], health: health && { status: health.status, detail: health.detail ?? null } };
    } catch (error) {
      return { ok: false, errors: [messageOf(error)], health: null };
    }
  }

  private secretFieldsOf(pluginId: string): string[] {
    const manifest = this.host.find(pluginId)?.manifest;
    return manifest ? compileConfigSchema(manifest.configSchema ?? { type: 'object' }).secretFields : [];
  }

  private writableStore(): PluginConfigStore {
    if (!this.config.plugins.v3 || this.store === undefined) throw new ApiError('NOT_FOUND', 'v3 plugins feature disabled');
    return this.store;
  }

  private loadablePlugin(pluginId: string): DiscoveredPlugin {
    const plugin = this.host.find(pluginId);
    if (plugin === undefined || plugin.manifest === null) throw new ApiError('NOT_FOUND', 'Plugin not found');
    if (plugin.state !== 'discovered') throw new ApiError('CONFLICT', `Plugin ${pluginId} is ${plugin.state}${plugin.reason ? `: ${plugin.reason}` : ''}`);
    return plugin;
  }

  private async plan(instanceId: string): Promise<InstancePlan | undefined> {
    return (await this.source.plans(this.host.list(), { include: instanceId })).find((plan) => plan.instanceId === instanceId);
  }

  private toView(plan: InstancePlan, manifest: ResolvedPluginManifest | null): ConfigView {
    const secretFields = manifest ? compileConfigSchema(manifest.configSchema ?? { type: 'object' }).secretFields : [];
    const settings: Record<string, unknown> = {};
    const secrets: Record<string, 'set' | 'unset'> = {};
    for (const field of secretFields) secrets[field] = plan.config[field] === undefined || plan.config[field] === '' ? 'unset' : 'set';
    for (const [field, value] of Object.entries(plan.config)) if (!secretFields.includes(field)) settings[field] = value;
    return {
      instance_id: plan.instanceId,
      plugin_id: plan.pluginId,
      enabled: plan.enabled,
      isolation: plan.isolation,
      version: plan.version,
      settings,
      secrets,
      locked: plan.locked,
      sources: plan.sources,
      schema: manifest?.configSchema ?? null,
    };
  }
}
