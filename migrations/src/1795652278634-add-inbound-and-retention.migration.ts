import {
  Table,
  TableColumn,
  TableIndex,
  TableUnique,
  type MigrationInterface,
  type QueryRunner,
  type TableColumnOptions,
} from 'typeorm';

// Column builders kept inside this file on purpose: a migration is a frozen snapshot, so it must not
// share helpers that a later edit could change under it (see the first migration for the same rule).
type ColumnExtras = Pick<TableColumnOptions, 'isNullable' | 'isPrimary' | 'default'>;

function varchar(name: string, length: number, extras: ColumnExtras = {}): TableColumnOptions {
  return { name, type: 'varchar', length: String(length), isNullable: false, ...extras };
}

function text(name: string, extras: ColumnExtras = {}): TableColumnOptions {
  return { name, type: 'text', isNullable: false, ...extras };
}

function integer(name: string, extras: ColumnExtras = {}): TableColumnOptions {
  return { name, type: 'integer', isNullable: false, ...extras };
}

/** Timestamps are bigint milliseconds since the epoch, as in every Faxbot table. */
function millis(name: string, extras: ColumnExtras = {}): TableColumnOptions {
  return { name, type: 'bigint', isNullable: false, ...extras };
}

const NULL: ColumnExtras = { isNullable: true };
const PK: ColumnExtras = { isPrimary: true };

// Numbers arrive from providers and SIP trunks, not from our own validation, hence 64 characters.
const inboundFaxes = new Table({
  name: 'inbound_faxes',
  columns: [
    varchar('id', 40, PK),
    varchar('backend', 64),
    varchar('provider_sid', 128),
    varchar('from_number', 64, NULL),
    varchar('to_number', 64),
    varchar('status', 16, { default: "'received'" }),
    integer('pages', NULL),
    integer('size_bytes'),
    varchar('sha256', 64),
    // Null once retention deleted the document; the row stays for history.
    varchar('document_key', 255, NULL),
    varchar('mailbox_label', 64, NULL),
    millis('received_at'),
    millis('retention_until', NULL),
    millis('document_deleted_at', NULL),
    millis('created_at'),
    millis('updated_at'),
  ],
  // The list is ordered by (received_at, id) descending and filtered by one exact match at most, so
  // each filter gets an index that also serves the order and the keyset condition.
  indices: [
    new TableIndex({ name: 'IDX_inbound_faxes_received_at_id', columnNames: ['received_at', 'id'] }),
    new TableIndex({ name: 'IDX_inbound_faxes_to_number_received_at_id', columnNames: ['to_number', 'received_at', 'id'] }),
    new TableIndex({ name: 'IDX_inbound_faxes_status_received_at_id', columnNames: ['status', 'received_at', 'id'] }),
    new TableIndex({
      name: 'IDX_inbound_faxes_mailbox_label_received_at_id',
      columnNames: ['mailbox_label', 'received_at', 'id'],
    }),
    // Retention scans rows whose document still exists (document_deleted_at IS NULL) by due time;
    // leading with document_deleted_at keeps the ever-growing history of purged rows out of the scan.
    new TableIndex({
      name: 'IDX_inbound_faxes_document_deleted_at_retention_until',
      columnNames: ['document_deleted_at', 'retention_until'],
    }),
  ],
  // A provider may deliver the same inbound webhook more than once; its id is unique per backend.
  uniques: [new TableUnique({ name: 'UQ_inbound_faxes_backend_provider_sid', columnNames: ['backend', 'provider_sid'] })],
});

const mailboxes = new Table({
  name: 'mailboxes',
  columns: [varchar('id', 40, PK), varchar('label', 64), text('note', NULL), millis('created_at'), millis('updated_at')],
  uniques: [new TableUnique({ name: 'UQ_mailboxes_label', columnNames: ['label'] })],
});

// No foreign key to mailboxes: a rule naming a missing mailbox, or a mailbox still named by rules, is
// the API's check to make (countForMailbox exists for it), so it can answer with its own error codes.
const inboundRules = new Table({
  name: 'inbound_rules',
  columns: [varchar('id', 40, PK), varchar('to_number', 64), varchar('mailbox_label', 64), millis('created_at')],
  indices: [new TableIndex({ name: 'IDX_inbound_rules_mailbox_label', columnNames: ['mailbox_label'] })],
  uniques: [new TableUnique({ name: 'UQ_inbound_rules_to_number', columnNames: ['to_number'] })],
});

// Download tokens for fax documents, outbound or inbound. Only a sha256 of the token is stored.
const documentTokens = new Table({
  name: 'document_tokens',
  columns: [
    varchar('id', 40, PK),
    varchar('subject_kind', 16),
    varchar('subject_id', 40),
    varchar('token_hash', 64),
    millis('expires_at'),
    millis('created_at'),
  ],
  indices: [
    new TableIndex({ name: 'IDX_document_tokens_subject_kind_subject_id', columnNames: ['subject_kind', 'subject_id'] }),
    new TableIndex({ name: 'IDX_document_tokens_expires_at', columnNames: ['expires_at'] }),
  ],
  uniques: [new TableUnique({ name: 'UQ_document_tokens_token_hash', columnNames: ['token_hash'] })],
});

const NEW_TABLES = [inboundFaxes, mailboxes, inboundRules, documentTokens];

const faxJobsDocumentDeletedAt = new TableColumn(millis('document_deleted_at', NULL));

// Outbound retention: final jobs whose document still exists, oldest completion first.
const FAX_JOBS_RETENTION_INDEX = 'IDX_fax_jobs_document_deleted_at_completed_at';
const faxJobsRetentionIndex = new TableIndex({
  name: FAX_JOBS_RETENTION_INDEX,
  columnNames: ['document_deleted_at', 'completed_at'],
});

// Faxbot runs on PostgreSQL or SQLite (better-sqlite3); anything not PostgreSQL is treated as SQLite.
function isPostgres(queryRunner: QueryRunner): boolean {
  return queryRunner.connection.driver.options.type === 'postgres';
}

/**
 * Adds inbound faxes, mailboxes, inbound routing rules and document download tokens, and the
 * `document_deleted_at` column (with a retention index) on `fax_jobs`.
 */
export class AddInboundAndRetention1795652278634 implements MigrationInterface {
  /** Stable migration name recorded in the migrations table; TypeORM reads the timestamp from its end. */
  readonly name = 'AddInboundAndRetention1795652278634';

  /** Creates the four tables and adds `fax_jobs.document_deleted_at` with its index. */
  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of NEW_TABLES) {
      await queryRunner.createTable(table.clone(), false, true, true);
    }
    // On SQLite TypeORM's addColumn/dropColumn rebuild the table (copy every row, DROP, rename). When a
    // migration is reverted, foreign keys are still on, so that DROP TABLE fax_jobs would cascade and
    // delete every fax_attempts row. SQLite's own ALTER TABLE adds or drops a column in place.
    if (isPostgres(queryRunner)) {
      await queryRunner.addColumn('fax_jobs', faxJobsDocumentDeletedAt.clone());
    } else {
      await queryRunner.query('ALTER TABLE "fax_jobs" ADD COLUMN "document_deleted_at" bigint');
    }
    await queryRunner.createIndex('fax_jobs', faxJobsRetentionIndex.clone());
  }

  /** Drops exactly what {@link up} created; existing fax jobs and their attempts are kept. */
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('fax_jobs', FAX_JOBS_RETENTION_INDEX);
    // SQLite refuses to drop an indexed column, hence the index first (see up for why not dropColumn).
    if (isPostgres(queryRunner)) {
      await queryRunner.dropColumn('fax_jobs', faxJobsDocumentDeletedAt.name);
    } else {
      await queryRunner.query('ALTER TABLE "fax_jobs" DROP COLUMN "document_deleted_at"');
    }
    for (const table of [...NEW_TABLES].reverse()) {
      await queryRunner.dropTable(table.name, false, true, true);
    }
  }
}
