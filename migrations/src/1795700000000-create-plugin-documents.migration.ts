import { Table, type MigrationInterface, type QueryRunner, type TableColumnOptions } from 'typeorm';

/**
 * Creates `plugin_documents`, the key/document store behind a plugin's `deps.db.documents`: one row
 * per instance and key, the value as JSON text. Plugins never query this table; the host does, always
 * with the instance id of the caller. On PostgreSQL the key uses the "C" collation so that ordering
 * (and so paging by key) is byte order, as SQLite's default BINARY collation is.
 */
export class CreatePluginDocuments1795700000000 implements MigrationInterface {
  readonly name = 'CreatePluginDocuments1795700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const byteOrder: Pick<TableColumnOptions, 'collation'> = queryRunner.connection.driver.options.type === 'postgres' ? { collation: 'C' } : {};
    await queryRunner.createTable(
      new Table({
        name: 'plugin_documents',
        columns: [
          // Instance ids are at most 63 characters (`^[a-z][a-z0-9-]{1,62}$`); keys at most 200.
          { name: 'instance_id', type: 'varchar', length: '63', isNullable: false, isPrimary: true, ...byteOrder },
          { name: 'doc_key', type: 'varchar', length: '200', isNullable: false, isPrimary: true, ...byteOrder },
          { name: 'value', type: 'text', isNullable: false },
          { name: 'updated_at', type: 'bigint', isNullable: false },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('plugin_documents');
  }
}
