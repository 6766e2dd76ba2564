import { join } from 'node:path';
import type { Database } from '@faxbot/db';
import { createPluginConfigStore } from './create-plugin-config-store';
import type { PluginConfigStore } from './plugin-config.store';
import { SecretBox } from './secret-box';
import { loadSecretKey, type SecretKeySource } from './secret-key.loader';
import type { AuditLogger } from './versioned-plugin-config.store';

/** Name of the generated key file inside FAX_DATA_DIR. */
export const SECRET_KEY_FILE_NAME = 'secret.key';

/** An opened store and where its key came from (tell the operator to back up a `created` key). */
export interface OpenedPluginConfigStore {
  store: PluginConfigStore;
  secretKeySource: SecretKeySource;
  /** `<dataDir>/secret.key`, used unless FAXBOT_SECRET_KEY is set. */
  keyFile: string;
}

/**
 * Loads the secret key (FAXBOT_SECRET_KEY, else `<dataDir>/secret.key`, created if missing) and
 * creates the config store on FAXBOT_CONFIG_PATH or the database: the one call a composition root or
 * CLI command needs.
 *
 * @example
 * const { store, secretKeySource, keyFile } = await openPluginConfigStore({
 *   dataDir: config.dataDir, configPath: config.plugins.configPath, secretKey: config.plugins.secretKey, db, logger,
 * });
 */
export async function openPluginConfigStore(options: {
  dataDir: string;
  configPath?: string | undefined;
  secretKey?: string | undefined;
  db?: Pick<Database, 'pluginConfigs'>;
  logger: AuditLogger;
}): Promise<OpenedPluginConfigStore> {
  const keyFile = join(options.dataDir, SECRET_KEY_FILE_NAME);
  const { key, source } = await loadSecretKey({ envValue: options.secretKey, keyFile });
  const store = createPluginConfigStore({
    ...(options.db === undefined ? {} : { db: options.db }),
    ...(options.configPath === undefined ? {} : { configPath: options.configPath }),
    secretBox: new SecretBox(key),
    logger: options.logger,
  });
  return { store, secretKeySource: source, keyFile };
}
