import type { MigrationInterface } from 'typeorm';
import { CreateCoreTables1764000000000 } from './1764000000000-create-core-tables.migration';

export { CreateCoreTables1764000000000 };

/**
 * Every Faxbot migration, oldest first. Pass a copy to a TypeORM DataSource as `migrations`; append new
 * classes at the end and never reorder or edit a released one.
 *
 * @example
 * new DataSource({ type: 'better-sqlite3', database: 'faxbot.db', migrations: [...MIGRATIONS] });
 */
export const MIGRATIONS: ReadonlyArray<new () => MigrationInterface> = [CreateCoreTables1764000000000];
