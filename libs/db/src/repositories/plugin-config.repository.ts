import { In, type EntityManager } from 'typeorm';
import type { SqlExecutor } from '../data-source/sql-executor';
import { PluginConfigVersionEntity } from '../entities/plugin-config-version.entity';
import { PluginConfigEntity } from '../entities/plugin-config.entity';
import { DatabaseError } from '../errors/database-error';
import { asUniqueViolation } from '../errors/unique-violation';
import { newId } from '../new-id';
import type { PluginConfigRecord } from '../records';

/** How {@link PluginConfigRepository.write} decides whether it may write. */
export interface PluginConfigWriteOptions {
  /** Version the caller read and built on; null when it saw no configuration for the instance. */
  expectedVersion: number | null;
  /** How many replaced versions to keep per instance; older ones are deleted in the same transaction. */
  keepVersions: number;
}

/**
 * Stored configuration of plugin instances: the current version of each instance and the versions
 * it replaced. Writes are compare-and-set on the version, so two writers cannot both build on the same
 * version and silently drop each other's change.
 */
export interface PluginConfigRepository {
  /** The current configuration of an instance, or null. */
  find(instanceId: string): Promise<PluginConfigRecord | null>;
  /** The current configuration of every instance, ordered by instance id. */
  list(): Promise<PluginConfigRecord[]>;
  /** The kept versions an instance's current configuration replaced, newest first (empty when unknown). */
  listVersions(instanceId: string): Promise<PluginConfigRecord[]>;
  /**
   * Makes `next` the current configuration, in one transaction: when the stored version is still
   * `expectedVersion` (null: no row), the replaced row becomes a version row, `next` becomes current
   * and all but the newest `keepVersions` version rows of the instance are deleted. Returns false and
   * changes nothing when another writer got there first. Rejects with `INVALID_VALUE` unless
   * `next.version` is `expectedVersion + 1` (1 for a new instance).
   */
  write(next: PluginConfigRecord, options: PluginConfigWriteOptions): Promise<boolean>;
  /** Deletes an instance's current configuration and all its versions; returns what was current, or null. */
  remove(instanceId: string): Promise<PluginConfigRecord | null>;
}

/** {@link PluginConfigRepository} on TypeORM. */
export class SqlPluginConfigRepository implements PluginConfigRepository {
  constructor(private readonly sql: SqlExecutor) {}

  async find(instanceId: string): Promise<PluginConfigRecord | null> {
    const row = await this.sql.run(undefined, ({ manager }) => manager.findOneBy(PluginConfigEntity, { instanceId }));
    return row && toRecord(row);
  }

  async list(): Promise<PluginConfigRecord[]> {
    const rows = await this.sql.run(undefined, ({ manager }) => manager.find(PluginConfigEntity, { order: { instanceId: 'ASC' } }));
    return rows.map(toRecord);
  }

  async listVersions(instanceId: string): Promise<PluginConfigRecord[]> {
    const rows = await this.sql.run(undefined, ({ manager }) =>
      manager.find(PluginConfigVersionEntity, { where: { instanceId }, order: { version: 'DESC' } }),
    );
    return rows.map(versionToRecord);
  }

  async write(next: PluginConfigRecord, options: PluginConfigWriteOptions): Promise<boolean> {
    const { expectedVersion, keepVersions } = options;
    if (next.version !== (expectedVersion ?? 0) + 1) {
      throw new DatabaseError('INVALID_VALUE', 'plugin_configs.version: a write must add exactly one version');
    }
    if (!Number.isInteger(keepVersions) || keepVersions < 0) {
      throw new DatabaseError('INVALID_VALUE', 'plugin_config_versions: keepVersions must be a non-negative integer');
    }
    try {
      return await this.sql.atomically(({ manager }) =>
        expectedVersion === null ? insertFirst(manager, next) : replace(manager, next, expectedVersion, keepVersions),
      );
    } catch (error) {
      // A concurrent writer inserted the same instance (or version row) first: the same outcome as a
      // version mismatch, reported the same way.
      const mapped = asUniqueViolation(error, 'plugin_configs');
      if (mapped instanceof DatabaseError && mapped.code === 'UNIQUE_VIOLATION') return false;
      throw error;
    }
  }

  async remove(instanceId: string): Promise<PluginConfigRecord | null> {
    return this.sql.atomically(async ({ manager }) => {
      const current = await manager.findOneBy(PluginConfigEntity, { instanceId });
      await manager.delete(PluginConfigVersionEntity, { instanceId });
      if (!current) return null;
      await manager.delete(PluginConfigEntity, { instanceId });
      return toRecord(current);
    });
  }
}

async function insertFirst(manager: EntityManager, next: PluginConfigRecord): Promise<boolean> {
  if (await manager.existsBy(PluginConfigEntity, { instanceId: next.instanceId })) return false;
  // Leftover version rows cannot exist (remove deletes them), but a stale one must not collide later.
  await manager.delete(PluginConfigVersionEntity, { instanceId: next.instanceId });
  await manager.insert(PluginConfigEntity, toEntity(next));
  return true;
}

async function replace(manager: EntityManager, next: PluginConfigRecord, expectedVersion: number, keepVersions: number): Promise<boolean> {
  const current = await manager.findOneBy(PluginConfigEntity, { instanceId: next.instanceId });
  if (!current || current.version !== expectedVersion) return false;
  // Compare-and-set: on PostgreSQL another transaction may have committed since the read above; then
  // nothing matches and the caller re-reads. Every change bumps the version, so a matching version
  // also means the row still holds what was read.
  const { instanceId: _key, ...values } = toEntity(next);
  const result = await manager
    .createQueryBuilder()
    .update(PluginConfigEntity)
    .set(values)
    .where('instance_id = :instanceId', { instanceId: next.instanceId })
    .andWhere('version = :expectedVersion', { expectedVersion })
    .execute();
  if (!result.affected) return false;
  await manager.insert(PluginConfigVersionEntity, {
    id: newId(),
    instanceId: current.instanceId,
    version: current.version,
    pluginId: current.pluginId,
    enabled: current.enabled,
    isolation: current.isolation,
    settings: current.settings,
    createdAt: current.updatedAt,
    createdBy: current.updatedBy,
  });
  const kept = await manager.find(PluginConfigVersionEntity, {
    select: { id: true },
    where: { instanceId: next.instanceId },
    order: { version: 'DESC' },
  });
  const stale = kept.slice(keepVersions).map((row) => row.id);
  if (stale.length > 0) await manager.delete(PluginConfigVersionEntity, { id: In(stale) });
  return true;
}

function toEntity(record: PluginConfigRecord): PluginConfigEntity {
  return {
    instanceId: record.instanceId,
    pluginId: record.pluginId,
    enabled: record.enabled ? 1 : 0,
    isolation: record.isolation,
    settings: record.settingsJson,
    version: record.version,
    updatedAt: record.updatedAt,
    updatedBy: record.updatedBy,
  };
}

function toRecord(row: PluginConfigEntity): PluginConfigRecord {
  return {
    instanceId: row.instanceId,
    pluginId: row.pluginId,
    enabled: Number(row.enabled) === 1,
    isolation: row.isolation,
    settingsJson: row.settings,
    version: Number(row.version),
    updatedAt: new Date(row.updatedAt),
    updatedBy: row.updatedBy,
  };
}

function versionToRecord(row: PluginConfigVersionEntity): PluginConfigRecord {
  return {
    instanceId: row.instanceId,
    pluginId: row.pluginId,
    enabled: Number(row.enabled) === 1,
    isolation: row.isolation,
    settingsJson: row.settings,
    version: Number(row.version),
    updatedAt: new Date(row.createdAt),
    updatedBy: row.createdBy,
  };
}
