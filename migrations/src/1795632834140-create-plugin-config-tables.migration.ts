import { Table, TableIndex, TableUnique, type MigrationInterface, type QueryRunner, type TableColumnOptions } from 'typeorm';

// Column builders kept inside this file on purpose: a migration is a frozen snapshot, so it must not
// share helpers that a later edit could change under it (see the first migration for the same rule).
type ColumnExtras = Pick<TableColumnOptions, 'isNullable' | 'isPrimary' | 'default'>;

function varchar(name: string, length: number, extras: ColumnExtras = {}): TableColumnOptions {
  return { name, type: 'varchar', length: String(length), isNullable: false, ...extras };
}

function text(name: string): TableColumnOptions {
  return { name, type: 'text', isNullable: false };
}

function integer(name: string): TableColumnOptions {
  return { name, type: 'integer', isNullable: false };
}

/** Timestamps are bigint milliseconds since the epoch, as in every Faxbot table. */
function millis(name: string): TableColumnOptions {
  return { name, type: 'bigint', isNullable: false };
}

const PK: ColumnExtras = { isPrimary: true };

// Plugin and instance ids are at most 63 characters (`^[a-z][a-z0-9-]{1,62}$`).
const pluginConfigs = new Table({
  name: 'plugin_configs',
  columns: [
    varchar('instance_id', 63, PK),
    varchar('plugin_id', 63),
    // 0 or 1: a portable boolean.
    integer('enabled'),
    varchar('isolation', 16),
    // JSON object; values of secret fields are stored sealed (`enc:v1:…`), never in plain text.
    text('settings'),
    integer('version'),
    millis('updated_at'),
    varchar('updated_by', 100),
  ],
});

const pluginConfigVersions = new Table({
  name: 'plugin_config_versions',
  columns: [
    varchar('id', 40, PK),
    varchar('instance_id', 63),
    integer('version'),
    varchar('plugin_id', 63),
    integer('enabled'),
    varchar('isolation', 16),
    text('settings'),
    millis('created_at'),
    varchar('created_by', 100),
  ],
  indices: [new TableIndex({ name: 'IDX_plugin_config_versions_instance_id', columnNames: ['instance_id'] })],
  uniques: [
    new TableUnique({ name: 'UQ_plugin_config_versions_instance_id_version', columnNames: ['instance_id', 'version'] }),
  ],
});

/**
 * Creates the plugin config store: the current configuration of each plugin instance and the
 * versions it replaced (the store keeps the newest ten per instance for rollback).
 */
export class CreatePluginConfigTables1795632834140 implements MigrationInterface {
  /** Stable migration name recorded in the migrations table; TypeORM reads the timestamp from its end. */
  readonly name = 'CreatePluginConfigTables1795632834140';

  /** Creates `plugin_configs` and `plugin_config_versions` with their index and unique constraint. */
  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of [pluginConfigs, pluginConfigVersions]) {
      await queryRunner.createTable(table.clone(), false, true, true);
    }
  }

  /** Drops both tables. */
  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [pluginConfigVersions, pluginConfigs]) {
      await queryRunner.dropTable(table.name, false, true, true);
    }
  }
}
