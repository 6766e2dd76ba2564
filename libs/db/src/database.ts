import type { DatabaseKind } from './data-source/database-options';
import type { JobQueue } from './queue/job-queue';
import type { ApiKeyRepository } from './repositories/api-key.repository';
import type { DocumentTokenRepository } from './repositories/document-token.repository';
import type { FaxAttemptRepository } from './repositories/fax-attempt.repository';
import type { FaxJobRepository } from './repositories/fax-job.repository';
import type { InboundFaxRepository } from './repositories/inbound-fax.repository';
import type { InboundRuleRepository } from './repositories/inbound-rule.repository';
import type { MailboxRepository } from './repositories/mailbox.repository';
import type { PluginConfigRepository } from './repositories/plugin-config.repository';
import type { PluginDocumentRepository } from './repositories/plugin-document.repository';

/**
 * An open transaction, as handed to the callback of {@link Database.transaction}. Opaque on purpose:
 * pass it to repository and queue calls to make them part of the transaction, and nothing else.
 */
export type TxScope = { readonly __brand: 'TxScope' };

/** The Faxbot database: repositories, the durable job queue and transactions over both. */
export interface Database {
  /** Which engine this database runs on. */
  readonly kind: DatabaseKind;
  /** Fax jobs. */
  readonly jobs: FaxJobRepository;
  /** Send attempts of fax jobs. */
  readonly attempts: FaxAttemptRepository;
  /** API keys (hashes only). */
  readonly apiKeys: ApiKeyRepository;
  /** Stored plugin instance configuration and its kept versions (the config store's database backend). */
  readonly pluginConfigs: PluginConfigRepository;
  /** Received faxes (rows kept after retention deleted their documents). */
  readonly inbound: InboundFaxRepository;
  /** Mailboxes inbound faxes are routed to. */
  readonly mailboxes: MailboxRepository;
  /** Routing rules from a receiving number to a mailbox. */
  readonly inboundRules: InboundRuleRepository;
  /** Download tokens for outbound and inbound fax documents (hashes only). */
  readonly documentTokens: DocumentTokenRepository;
  /** Plugins' key/document stores (`deps.db.documents`), addressed by instance id. */
  readonly pluginDocuments: PluginDocumentRepository;
  /** Durable work queue, stored next to the jobs so both change in one transaction. */
  readonly queue: JobQueue;
  /**
   * Runs `fn` in one transaction; repositories/queue called with the given scope take part in it. The
   * transaction commits when `fn` resolves and rolls back when it rejects. On SQLite, transactions are
   * serialised with an async mutex (one connection). Calling this database without the scope while the
   * transaction is open throws a `DatabaseError` with code `SCOPE_MISUSE`, on both engines, because on
   * SQLite that call would wait for the transaction forever.
   */
  transaction<T>(fn: (scope: TxScope) => Promise<T>): Promise<T>;
  /** Runs `SELECT 1`; rejects when the database cannot be reached. */
  ping(): Promise<void>;
  /** Waits for running work (on SQLite) and closes every connection. Safe to call twice. */
  close(): Promise<void>;
  /** Reverts every migration, newest first, dropping all Faxbot tables and their data (tests / tooling). */
  revertMigrations(): Promise<void>;
}
