import type { Database } from '../database';
import { SqliteJobQueue } from '../queue/sqlite-job-queue';
import { PostgresJobQueue } from '../queue/postgres-job-queue';
import { SqlApiKeyRepository } from '../repositories/api-key.repository';
import { SqlDocumentTokenRepository } from '../repositories/document-token.repository';
import { SqlFaxAttemptRepository } from '../repositories/fax-attempt.repository';
import { SqlFaxJobRepository } from '../repositories/fax-job.repository';
import { SqlInboundFaxRepository } from '../repositories/inbound-fax.repository';
import { SqlInboundRuleRepository } from '../repositories/inbound-rule.repository';
import { SqlMailboxRepository } from '../repositories/mailbox.repository';
import { SqlPluginConfigRepository } from '../repositories/plugin-config.repository';
import { SqlPluginDocumentRepository } from '../repositories/plugin-document.repository';
import { toConnectionTarget } from './connection-target';
import { createDataSource } from './create-data-source';
import type { DatabaseOptions } from './database-options';
import { revertMigrations, runMigrations } from './run-migrations';
import { SqlExecutor } from './sql-executor';
import { SqliteMutex } from './sqlite-mutex';

/**
 * Connects, applies pending migrations and returns the {@link Database}. For SQLite it creates the
 * file's parent directory and turns on WAL, a 5 s busy timeout and foreign keys. Rejects (and closes
 * what it opened) when the database is unreachable or a migration fails.
 *
 * @example
 * const db = await openDatabase(resolveDatabaseOptions({ DATABASE_URL: config.databaseUrl }, config.dataDir));
 * const job = await db.jobs.findById(id);
 * await db.close();
 */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const target = toConnectionTarget(options);
  const dataSource = createDataSource(target);
  await dataSource.initialize();
  try {
    await runMigrations(dataSource, target);
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }

  const sql = new SqlExecutor(dataSource, target.kind === 'sqlite' ? new SqliteMutex() : undefined);
  return {
    kind: target.kind,
    jobs: new SqlFaxJobRepository(sql),
    attempts: new SqlFaxAttemptRepository(sql),
    apiKeys: new SqlApiKeyRepository(sql),
    pluginConfigs: new SqlPluginConfigRepository(sql),
    inbound: new SqlInboundFaxRepository(sql, target.kind),
    mailboxes: new SqlMailboxRepository(sql),
    inboundRules: new SqlInboundRuleRepository(sql),
    documentTokens: new SqlDocumentTokenRepository(sql),
    pluginDocuments: new SqlPluginDocumentRepository(sql, target.kind),
    queue: target.kind === 'sqlite' ? new SqliteJobQueue(sql) : new PostgresJobQueue(sql),
    transaction: (fn) => sql.transaction(fn),
    ping: async () => {
      await sql.run(undefined, (session) => session.query('SELECT 1'));
    },
    close: () => sql.close(),
    revertMigrations: () => sql.run(undefined, () => revertMigrations(dataSource)),
  };
}
