import { AsyncMutex } from './async-mutex';
import { ConfigStoreError } from './config-store.error';
import type { ConfigStorageBackend } from './config-storage.backend';
import type { PluginConfigInput, PluginConfigStore, PluginConfigVersionSummary, PutMeta } from './plugin-config.store';
import { INSTANCE_ID_PATTERN, PLUGIN_ISOLATION_MODES, type PluginInstanceConfig } from './plugin-instance-config';
import { diffConfigs, revealSettings, sealIncomingSettings } from './sealed-settings';
import type { SecretBox } from './secret-box';

/** The part of a pino logger the store needs; `@faxbot/audit`'s `Logger` fits. */
export interface AuditLogger {
  info(fields: Record<string, unknown>, message: string): void;
}

/** The audit event every change writes, once. */
export const CONFIG_CHANGED_EVENT = 'plugin.config_changed';

// Another process (or a second store on the same database) may write between our read and our
// write; the backend then refuses and we build on the newer version. Bounded so a pathological
// contention ends in an error rather than a hang.
const MAX_ATTEMPTS = 5;

type Action = 'create' | 'update' | 'rollback' | 'remove';

function assertInstanceId(instanceId: unknown, what = 'instanceId'): asserts instanceId is string {
  if (typeof instanceId !== 'string' || !INSTANCE_ID_PATTERN.test(instanceId)) {
    throw new ConfigStoreError('INVALID_INPUT', `${what} must match ${INSTANCE_ID_PATTERN.source}`);
  }
}

function assertActor(actor: unknown): asserts actor is string {
  if (typeof actor !== 'string' || actor.trim() === '' || actor.length > 100) {
    throw new ConfigStoreError('INVALID_INPUT', 'actor must be 1–100 characters');
  }
}

function assertPut(input: PluginConfigInput, meta: PutMeta): void {
  assertInstanceId(input.instanceId);
  assertInstanceId(input.pluginId, 'pluginId');
  assertActor(meta.actor);
  if (typeof input.enabled !== 'boolean') throw new ConfigStoreError('INVALID_INPUT', 'enabled must be true or false');
  if (input.isolation !== undefined && !PLUGIN_ISOLATION_MODES.includes(input.isolation)) {
    throw new ConfigStoreError('INVALID_INPUT', `isolation must be one of ${PLUGIN_ISOLATION_MODES.join(', ')}`);
  }
  if (typeof input.settings !== 'object' || input.settings === null || Array.isArray(input.settings)) {
    throw new ConfigStoreError('INVALID_INPUT', 'settings must be an object');
  }
  if (!Array.isArray(meta.secretFields) || !meta.secretFields.every((field) => typeof field === 'string')) {
    throw new ConfigStoreError('INVALID_INPUT', 'secretFields must be a list of field names');
  }
  if (meta.expectedVersion !== undefined && (!Number.isInteger(meta.expectedVersion) || meta.expectedVersion < 0)) {
    throw new ConfigStoreError('INVALID_INPUT', 'expectedVersion must be a non-negative integer');
  }
}

function summary(config: PluginInstanceConfig): PluginConfigVersionSummary {
  return { version: config.version, updatedAt: config.updatedAt, updatedBy: config.updatedBy, enabled: config.enabled };
}

/**
 * The {@link PluginConfigStore}: seals and reveals secrets, numbers versions, enforces expected
 * versions, writes the audit line, and leaves storage to a {@link ConfigStorageBackend}. Writes of one
 * store run one at a time; writers elsewhere are caught by the backend's compare-and-set.
 */
export class VersionedPluginConfigStore implements PluginConfigStore {
  private readonly writes = new AsyncMutex();

  constructor(
    private readonly backend: ConfigStorageBackend,
    private readonly box: SecretBox,
    private readonly logger: AuditLogger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  get location(): string {
    return this.backend.location;
  }

  async list(): Promise<PluginInstanceConfig[]> {
    return (await this.backend.list()).map((config) => revealSettings(this.box, config));
  }

  async get(instanceId: string): Promise<PluginInstanceConfig | null> {
    assertInstanceId(instanceId);
    const stored = await this.backend.get(instanceId);
    return stored && revealSettings(this.box, stored);
  }

  async put(input: PluginConfigInput, meta: PutMeta): Promise<PluginInstanceConfig> {
    assertPut(input, meta);
    return this.writes.runExclusive(() =>
      this.retrying<PluginInstanceConfig>(input.instanceId, meta.expectedVersion !== undefined, async () => {
        const current = await this.backend.get(input.instanceId);
        if (meta.expectedVersion !== undefined && (current?.version ?? 0) !== meta.expectedVersion) {
          throw new ConfigStoreError(
            'CONFLICT',
            `plugin config "${input.instanceId}" is at version ${current?.version ?? 0}, not ${meta.expectedVersion}: reload it and save again`,
          );
        }
        const next: PluginInstanceConfig = {
          instanceId: input.instanceId,
          pluginId: input.pluginId,
          enabled: input.enabled,
          isolation: input.isolation ?? current?.isolation ?? 'in-process',
          settings: sealIncomingSettings(this.box, input.settings, current?.settings ?? {}, meta.secretFields),
          version: (current?.version ?? 0) + 1,
          updatedAt: this.now(),
          updatedBy: meta.actor,
        };
        const changes = diffConfigs(this.box, current, next);
        if (current !== null && changes.changed.length === 0) return { done: true, value: revealSettings(this.box, current) };
        // Kept secrets must still open under the current key; better refuse now than store a version
        // that cannot start.
        const revealed = revealSettings(this.box, next);
        if (!(await this.backend.write(next, current?.version ?? null))) return { done: false };
        this.audit(current === null ? 'create' : 'update', next, meta.actor, changes);
        return { done: true, value: revealed };
      }),
    );
  }

  async remove(instanceId: string, meta: { actor: string }): Promise<boolean> {
    assertInstanceId(instanceId);
    assertActor(meta.actor);
    return this.writes.runExclusive(async () => {
      const removed = await this.backend.remove(instanceId);
      if (removed === null) return false;
      this.audit('remove', removed, meta.actor, diffConfigs(this.box, removed, null));
      return true;
    });
  }

  async history(instanceId: string): Promise<PluginConfigVersionSummary[]> {
    assertInstanceId(instanceId);
    const current = await this.backend.get(instanceId);
    if (current === null) return [];
    const kept = await this.backend.history(instanceId);
    return [current, ...kept].map(summary);
  }

  async rollback(instanceId: string, meta: { actor: string; toVersion?: number }): Promise<PluginInstanceConfig> {
    assertInstanceId(instanceId);
    assertActor(meta.actor);
    return this.writes.runExclusive(() =>
      this.retrying<PluginInstanceConfig>(instanceId, false, async () => {
        const current = await this.backend.get(instanceId);
        if (current === null) throw new ConfigStoreError('NOT_FOUND', `no plugin config is stored for "${instanceId}"`);
        const kept = await this.backend.history(instanceId);
        if (meta.toVersion === current.version) {
          throw new ConfigStoreError('INVALID_INPUT', `version ${current.version} of "${instanceId}" is already the current one`);
        }
        const target = meta.toVersion === undefined ? kept[0] : kept.find((version) => version.version === meta.toVersion);
        if (target === undefined) {
          const versions = kept.map((version) => version.version).join(', ') || 'none';
          throw new ConfigStoreError(
            'VERSION_NOT_KEPT',
            `${meta.toVersion === undefined ? 'no earlier version' : `version ${meta.toVersion}`} of "${instanceId}" is kept (kept: ${versions})`,
          );
        }
        const next: PluginInstanceConfig = { ...target, version: current.version + 1, updatedAt: this.now(), updatedBy: meta.actor };
        const revealed = revealSettings(this.box, next);
        if (!(await this.backend.write(next, current.version))) return { done: false };
        this.audit('rollback', next, meta.actor, diffConfigs(this.box, current, next), target.version);
        return { done: true, value: revealed };
      }),
    );
  }

  private async retrying<T>(instanceId: string, strict: boolean, attempt: () => Promise<{ done: true; value: T } | { done: false }>): Promise<T> {
    for (let round = 1; ; round++) {
      const outcome = await attempt();
      if (outcome.done) return outcome.value;
      if (strict || round >= MAX_ATTEMPTS) {
        throw new ConfigStoreError('CONFLICT', `plugin config "${instanceId}" was changed by someone else meanwhile: reload it and try again`);
      }
    }
  }

  private audit(action: Action, config: PluginInstanceConfig, actor: string, changes: { changed: string[]; secretsChanged: string[] }, restoredVersion?: number): void {
    this.logger.info(
      {
        event: CONFIG_CHANGED_EVENT,
        action,
        instanceId: config.instanceId,
        pluginId: config.pluginId,
        actor,
        version: config.version,
        changed: changes.changed,
        writeOnlyChanged: changes.secretsChanged,
        ...(restoredVersion === undefined ? {} : { restoredVersion }),
      },
      'plugin config changed',
    );
  }
}
