import type { PluginInstanceConfig, PluginIsolationMode } from './plugin-instance-config';

/** What a caller saves for an instance. `settings` replaces the stored settings as a whole, except secrets (see {@link PluginConfigStore.put}). */
export interface PluginConfigInput {
  instanceId: string;
  pluginId: string;
  enabled: boolean;
  settings: Record<string, unknown>;
  /** Default: the stored value, or `in-process` for a new instance. */
  isolation?: PluginIsolationMode;
}

/** Who saves, which settings are secrets, and (optionally) which version the caller edited. */
export interface PutMeta {
  /** Recorded as `updatedBy` and in the audit line, e.g. `admin:<keyId>`; 1–100 characters. */
  actor: string;
  /** Top-level settings to seal: the manifest's `writeOnly` fields (`compileConfigSchema(...).secretFields`). */
  secretFields: string[];
  /** The version the caller read (0: the instance must not exist yet); a different stored version is a `CONFLICT`. */
  expectedVersion?: number;
}

/** One entry of {@link PluginConfigStore.history}; never carries settings. */
export interface PluginConfigVersionSummary {
  version: number;
  updatedAt: Date;
  updatedBy: string;
  enabled: boolean;
}

/**
 * Versioned configuration of plugin instances, kept in the database or in the FAXBOT_CONFIG_PATH file.
 * Secret settings are sealed at rest and returned decrypted (in memory only); every change writes one
 * audit line without values; the newest {@link KEPT_VERSIONS} replaced versions of each instance are
 * kept for {@link PluginConfigStore.rollback}. Errors are `ConfigStoreError`s (and `SecretBoxError`s
 * when a stored secret cannot be decrypted).
 */
export interface PluginConfigStore {
  /** `database`, or the path of the config file. */
  readonly location: string;
  /** Every stored instance, ordered by instance id, secrets decrypted. */
  list(): Promise<PluginInstanceConfig[]>;
  /** One instance, secrets decrypted, or null. */
  get(instanceId: string): Promise<PluginInstanceConfig | null>;
  /**
   * Saves an instance as a new version and returns it (secrets decrypted). Values of `secretFields` are
   * sealed; a secret field whose value is `undefined` keeps the stored secret (so a form can save
   * without re-entering it), `null` clears it. A save that changes nothing writes no version and
   * returns the stored one. Settings are not checked against the plugin's schema here: do that first
   * with {@link validateSettings}.
   */
  put(input: PluginConfigInput, meta: PutMeta): Promise<PluginInstanceConfig>;
  /** Deletes an instance and its kept versions; false when there was none. */
  remove(instanceId: string, meta: { actor: string }): Promise<boolean>;
  /** The current version and the kept ones, newest first (at most 11); empty for an unknown instance. */
  history(instanceId: string): Promise<PluginConfigVersionSummary[]>;
  /**
   * Restores the newest kept version, or `toVersion`, as a new version (the current one is kept in the
   * history, so a rollback can itself be rolled back). `NOT_FOUND` for an unknown instance,
   * `VERSION_NOT_KEPT` when there is no such kept version.
   */
  rollback(instanceId: string, meta: { actor: string; toVersion?: number }): Promise<PluginInstanceConfig>;
}
