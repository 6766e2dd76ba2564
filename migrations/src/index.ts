import type { MigrationInterface } from 'typeorm';
import { CreateCoreTables1764000000000 } from './1764000000000-create-core-tables.migration';
import { CreatePluginConfigTables1795632834140 } from './1795632834140-create-plugin-config-tables.migration';
import { AddInboundAndRetention1795652278634 } from './1795652278634-add-inbound-and-retention.migration';
import { CreatePluginDocuments1795700000000 } from './1795700000000-create-plugin-documents.migration';

export { CreateCoreTables1764000000000, CreatePluginConfigTables1795632834140, AddInboundAndRetention1795652278634, CreatePluginDocuments1795700000000 };

/**
 * Every Faxbot migration, oldest first. Pass a copy to a TypeORM DataSource as `migrations`; append new
 * classes at the end and never reorder or edit a released one.
 *
 * @example
 * new DataSource({ type: 'better-sqlite3', database: 'faxbot.db', migrations: [...MIGRATIONS] });
 */
export const MIGRATIONS: ReadonlyArray<new () => MigrationInterface> = [
  CreateCoreTables1764000000000,
  CreatePluginConfigTables1795632834140,
  AddInboundAndRetention1795652278634,
  CreatePluginDocuments1795700000000,
];
