import {
  Table,
  TableForeignKey,
  TableIndex,
  TableUnique,
  type MigrationInterface,
  type QueryRunner,
  type TableColumnOptions,
} from 'typeorm';

// Column builders kept inside this file on purpose: a migration is a frozen snapshot, so it must not
// share helpers that a later edit could change under it. Only portable types are used (varchar, text,
// integer, bigint) so the same definitions produce equivalent schemas on SQLite and PostgreSQL.
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

/** Timestamps are bigint milliseconds since the epoch: no time-zone or precision differences between engines. */
function millis(name: string, extras: ColumnExtras = {}): TableColumnOptions {
  return { name, type: 'bigint', isNullable: false, ...extras };
}

const NULL: ColumnExtras = { isNullable: true };
const PK: ColumnExtras = { isPrimary: true };

const faxJobs = new Table({
  name: 'fax_jobs',
  columns: [
    varchar('id', 40, PK),
    varchar('to_number', 32),
    varchar('file_name', 255),
    varchar('document_key', 255),
    varchar('document_type', 16),
    integer('size_bytes'),
    varchar('status', 16, { default: "'queued'" }),
    text('error', NULL),
    varchar('error_code', 64, NULL),
    integer('pages', NULL),
    varchar('backend', 64),
    varchar('provider_sid', 128, NULL),
    millis('created_at'),
    millis('updated_at'),
    millis('completed_at', NULL),
  ],
  indices: [
    new TableIndex({ name: 'IDX_fax_jobs_status', columnNames: ['status'] }),
    // Provider callbacks look jobs up by the provider's id, scoped by backend because ids are per provider.
    new TableIndex({ name: 'IDX_fax_jobs_backend_provider_sid', columnNames: ['backend', 'provider_sid'] }),
  ],
});

const faxAttempts = new Table({
  name: 'fax_attempts',
  columns: [
    varchar('id', 40, PK),
    varchar('job_id', 40),
    integer('attempt_no'),
    varchar('idempotency_key', 100),
    varchar('state', 24),
    varchar('provider_sid', 128, NULL),
    varchar('error_code', 64, NULL),
    text('error', NULL),
    millis('started_at'),
    millis('finished_at', NULL),
  ],
  indices: [new TableIndex({ name: 'IDX_fax_attempts_job_id', columnNames: ['job_id'] })],
  uniques: [
    new TableUnique({ name: 'UQ_fax_attempts_idempotency_key', columnNames: ['idempotency_key'] }),
    new TableUnique({ name: 'UQ_fax_attempts_job_id_attempt_no', columnNames: ['job_id', 'attempt_no'] }),
  ],
  // Attempts belong to their job: purging a job (retention) must take its attempts with it.
  foreignKeys: [
    new TableForeignKey({
      name: 'FK_fax_attempts_job_id',
      columnNames: ['job_id'],
      referencedTableName: 'fax_jobs',
      referencedColumnNames: ['id'],
      onDelete: 'CASCADE',
    }),
  ],
});

const queueTasks = new Table({
  name: 'queue_tasks',
  columns: [
    varchar('id', 40, PK),
    varchar('queue', 64),
    varchar('dedupe_key', 160, NULL),
    text('payload'),
    varchar('state', 16),
    millis('run_at'),
    integer('attempts', { default: 0 }),
    varchar('lease_owner', 80, NULL),
    millis('lease_until', NULL),
    text('last_error', NULL),
    millis('created_at'),
    millis('updated_at'),
  ],
  // Serves the claim query: WHERE queue = ? AND state = ? ORDER BY run_at.
  indices: [new TableIndex({ name: 'IDX_queue_tasks_queue_state_run_at', columnNames: ['queue', 'state', 'run_at'] })],
  uniques: [new TableUnique({ name: 'UQ_queue_tasks_dedupe_key', columnNames: ['dedupe_key'] })],
});

const apiKeys = new Table({
  name: 'api_keys',
  columns: [
    varchar('id', 40, PK),
    varchar('key_id', 32),
    varchar('key_hash', 255),
    varchar('name', 100, NULL),
    varchar('owner', 100, NULL),
    varchar('scopes', 500),
    text('note', NULL),
    millis('created_at'),
    millis('last_used_at', NULL),
    millis('expires_at', NULL),
    millis('revoked_at', NULL),
  ],
  uniques: [new TableUnique({ name: 'UQ_api_keys_key_id', columnNames: ['key_id'] })],
});

/** Creates the initial schema: fax jobs, their send attempts, the durable work queue and API keys. */
export class CreateCoreTables1764000000000 implements MigrationInterface {
  /** Stable migration name recorded in the migrations table; TypeORM reads the timestamp from its end. */
  readonly name = 'CreateCoreTables1764000000000';

  /** Creates the four tables with their indexes, unique constraints and foreign key. */
  async up(queryRunner: QueryRunner): Promise<void> {
    // Referenced tables first: fax_attempts has a foreign key to fax_jobs.
    for (const table of [faxJobs, faxAttempts, queueTasks, apiKeys]) {
      await queryRunner.createTable(table.clone(), false, true, true);
    }
  }

  /** Drops the four tables, referencing tables first. */
  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [apiKeys, queueTasks, faxAttempts, faxJobs]) {
      await queryRunner.dropTable(table.name, false, true, true);
    }
  }
}
