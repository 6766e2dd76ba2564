import type { Database } from '@faxbot/db';
import { ConfigStoreError } from './config-store.error';
import { DatabaseConfigBackend } from './database-config.backend';
import { FileConfigBackend } from './file-config.backend';
import type { PluginConfigStore } from './plugin-config.store';
import type { SecretBox } from './secret-box';
import { VersionedPluginConfigStore, type AuditLogger } from './versioned-plugin-config.store';

/** What {@link createPluginConfigStore} builds the store from. */
export interface PluginConfigStoreOptions {
  /** The Faxbot database; used when `configPath` is unset. */
  db?: Pick<Database, 'pluginConfigs'>;
  /** FAXBOT_CONFIG_PATH (absolute): when set, the store is this JSON file instead of the database. */
  configPath?: string;
  /** Seals secret settings; see `loadSecretKey`. */
  secretBox: SecretBox;
  /** Receives one `plugin.config_changed` line per change (never values). */
  logger: AuditLogger;
}

/**
 * Creates the plugin config store: the FAXBOT_CONFIG_PATH file when `configPath` is set, otherwise the
 * database. Nothing is read until the first call.
 *
 * @example
 * const { key } = await loadSecretKey({ envValue: config.plugins.secretKey, keyFile: join(config.dataDir, 'secret.key') });
 * const store = createPluginConfigStore({ db, configPath: config.plugins.configPath, secretBox: new SecretBox(key), logger });
 * await store.put({ instanceId: 'phaxio', pluginId: 'phaxio', enabled: true, settings }, { actor: 'admin:ab12', secretFields: ['apiSecret'] });
 */
export function createPluginConfigStore(options: PluginConfigStoreOptions): PluginConfigStore {
  const { db, configPath, secretBox, logger } = options;
  if (configPath !== undefined && configPath.trim() !== '') {
    return new VersionedPluginConfigStore(new FileConfigBackend(configPath), secretBox, logger);
  }
  if (db === undefined) throw new ConfigStoreError('INVALID_INPUT', 'the plugin config store needs a database when FAXBOT_CONFIG_PATH is unset');
  return new VersionedPluginConfigStore(new DatabaseConfigBackend(db.pluginConfigs), secretBox, logger);
}
