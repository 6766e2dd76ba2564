import type { PluginInstanceConfig } from './plugin-instance-config';

/**
 * Where the config store keeps its versions: the database or the FAXBOT_CONFIG_PATH file. Backends
 * store and return configs with secrets sealed, check every version against the store's schema when
 * they read or write it, and keep {@link KEPT_VERSIONS} replaced versions per instance.
 */
export interface ConfigStorageBackend {
  /** `database`, or the path of the file; used in messages. */
  readonly location: string;
  /** The current config of an instance, or null. */
  get(instanceId: string): Promise<PluginInstanceConfig | null>;
  /** Every current config, ordered by instance id. */
  list(): Promise<PluginInstanceConfig[]>;
  /** Replaced versions of an instance, newest first. */
  history(instanceId: string): Promise<PluginInstanceConfig[]>;
  /**
   * Makes `next` current if the stored version is still `expectedVersion` (null: none stored), moving
   * the replaced version into the history; false, with nothing changed, when it is not.
   */
  write(next: PluginInstanceConfig, expectedVersion: number | null): Promise<boolean>;
  /** Deletes an instance with its history; returns what was current, or null. */
  remove(instanceId: string): Promise<PluginInstanceConfig | null>;
}
