export { openDatabase } from './data-source/open-database';
export { resolveDatabaseOptions, type DatabaseOptions, type DatabaseKind } from './data-source/database-options';
export type { Database, TxScope } from './database';
export { DatabaseError, type DatabaseErrorCode } from './errors/database-error';
export type {
  FaxJobRecord,
  NewFaxJob,
  FaxAttemptRecord,
  AttemptState,
  ApiKeyRecord,
  PluginConfigRecord,
  InboundFaxRecord,
  NewInboundFax,
  InboundCursor,
  InboundFaxFilter,
  MailboxRecord,
  InboundRuleRecord,
  DocumentTokenSubject,
  DocumentTokenRecord,
} from './records';
export type { FaxJobRepository } from './repositories/fax-job.repository';
export type { FaxAttemptRepository } from './repositories/fax-attempt.repository';
export type { ApiKeyRepository } from './repositories/api-key.repository';
export type { PluginConfigRepository, PluginConfigWriteOptions } from './repositories/plugin-config.repository';
export type { InboundFaxRepository } from './repositories/inbound-fax.repository';
export type { MailboxRepository } from './repositories/mailbox.repository';
export type { InboundRuleRepository } from './repositories/inbound-rule.repository';
export type { DocumentTokenRepository } from './repositories/document-token.repository';
export type { PluginDocumentRepository, PluginDocumentRecord } from './repositories/plugin-document.repository';
export type { JobQueue, QueueTask, QueueTaskState, EnqueueOptions } from './queue/job-queue';
export { createPluginSqlHost, type PluginSqlHostOptions } from './plugin-sql/create-plugin-sql-host';
export type { PluginSqlHost, PluginSqlEngine, PluginSqlRunner } from './plugin-sql/plugin-sql-engine';
