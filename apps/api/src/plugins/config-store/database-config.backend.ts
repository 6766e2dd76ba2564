import type { PluginConfigRecord, PluginConfigRepository } from '@faxbot/db';
import { ConfigStoreError } from './config-store.error';
import type { ConfigStorageBackend } from './config-storage.backend';
import { KEPT_VERSIONS, type PluginInstanceConfig } from './plugin-instance-config';
import { checkStoredConfig, fromStoredJson, toStoredJson } from './stored-config.schema';

function parseSettings(record: PluginConfigRecord, where: string): unknown {
  try {
    return JSON.parse(record.settingsJson);
  } catch (error) {
    throw new ConfigStoreError('CORRUPT', `${where}: settings are not valid JSON; nothing was changed, fix or restore the row`, { cause: error });
  }
}

function fromRecord(record: PluginConfigRecord, table: string): PluginInstanceConfig {
  const where = `${table} row of "${record.instanceId}" version ${record.version}`;
  const json = checkStoredConfig(
    {
      instanceId: record.instanceId,
      pluginId: record.pluginId,
      enabled: record.enabled,
      isolation: record.isolation,
      settings: parseSettings(record, where),
      version: record.version,
      updatedAt: Number.isNaN(record.updatedAt.getTime()) ? 'invalid' : record.updatedAt.toISOString(),
      updatedBy: record.updatedBy,
    },
    where,
  );
  return fromStoredJson(json);
}

/** {@link ConfigStorageBackend} on the Faxbot database (`plugin_configs`, `plugin_config_versions`). */
export class DatabaseConfigBackend implements ConfigStorageBackend {
  readonly location = 'database';

  constructor(private readonly repository: PluginConfigRepository) {}

  async get(instanceId: string): Promise<PluginInstanceConfig | null> {
    const record = await this.repository.find(instanceId);
    return record && fromRecord(record, 'plugin_configs');
  }

  async list(): Promise<PluginInstanceConfig[]> {
    return (await this.repository.list()).map((record) => fromRecord(record, 'plugin_configs'));
  }

  async history(instanceId: string): Promise<PluginInstanceConfig[]> {
    return (await this.repository.listVersions(instanceId)).map((record) => fromRecord(record, 'plugin_config_versions'));
  }

  async write(next: PluginInstanceConfig, expectedVersion: number | null): Promise<boolean> {
    const json = checkStoredConfig(toStoredJson(next), `plugin config "${next.instanceId}" version ${next.version}`);
    return this.repository.write(
      {
        instanceId: json.instanceId,
        pluginId: json.pluginId,
        enabled: json.enabled,
        isolation: json.isolation,
        settingsJson: JSON.stringify(json.settings),
        version: json.version,
        updatedAt: next.updatedAt,
        updatedBy: json.updatedBy,
      },
      { expectedVersion, keepVersions: KEPT_VERSIONS },
    );
  }

  async remove(instanceId: string): Promise<PluginInstanceConfig | null> {
    const removed = await this.repository.remove(instanceId);
    return removed && fromRecord(removed, 'plugin_configs');
  }
}
