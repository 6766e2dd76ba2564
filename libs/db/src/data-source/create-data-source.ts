import { MIGRATIONS } from '@faxbot/migrations';
import { DataSource } from 'typeorm';
import { ApiKeyEntity } from '../entities/api-key.entity';
import { DocumentTokenEntity } from '../entities/document-token.entity';
import { FaxAttemptEntity } from '../entities/fax-attempt.entity';
import { FaxJobEntity } from '../entities/fax-job.entity';
import { InboundFaxEntity } from '../entities/inbound-fax.entity';
import { InboundRuleEntity } from '../entities/inbound-rule.entity';
import { MailboxEntity } from '../entities/mailbox.entity';
import { PluginConfigVersionEntity } from '../entities/plugin-config-version.entity';
import { PluginConfigEntity } from '../entities/plugin-config.entity';
import type { ConnectionTarget } from './connection-target';

const ENTITIES = [
  FaxJobEntity,
  FaxAttemptEntity,
  ApiKeyEntity,
  PluginConfigEntity,
  PluginConfigVersionEntity,
  InboundFaxEntity,
  MailboxEntity,
  InboundRuleEntity,
  DocumentTokenEntity,
];
const SQLITE_BUSY_TIMEOUT_MS = 5000;

/** Builds an uninitialised TypeORM DataSource for a target; the schema is owned by the migrations. */
export function createDataSource(target: ConnectionTarget): DataSource {
  const common = { entities: ENTITIES, migrations: [...MIGRATIONS], synchronize: false, logging: false };
  if (target.kind === 'sqlite') {
    return new DataSource({
      ...common,
      type: 'better-sqlite3',
      database: target.path,
      // WAL lets readers in other processes (the MCP server, an admin CLI) work while a writer commits;
      // the timeout makes a writer wait for the lock instead of failing with SQLITE_BUSY at once.
      enableWAL: true,
      timeout: SQLITE_BUSY_TIMEOUT_MS,
      // TypeORM turns foreign_keys on itself; stating it keeps the guarantee visible here.
      prepareDatabase: (db: { pragma(source: string): unknown }) => {
        db.pragma('foreign_keys = ON');
      },
    });
  }
  return new DataSource({
    ...common,
    type: 'postgres',
    url: target.url,
    poolSize: target.poolSize,
    applicationName: 'faxbot',
    ...(target.schema && {
      schema: target.schema,
      // Hand-written SQL (the queue) names tables without a schema, so every pooled connection gets
      // the schema as its search_path at startup. The name was checked to be a plain identifier.
      extra: { options: `-c search_path=${target.schema}` },
    }),
  });
}
