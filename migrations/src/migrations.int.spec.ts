import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource, type Table } from 'typeorm';
import { AddInboundAndRetention1795652278634, MIGRATIONS } from './index';

/** Column name → nullable, per table, exactly as the migrations define it. */
const SCHEMA: Record<string, Record<string, boolean>> = {
  fax_jobs: {
    id: false, to_number: false, file_name: false, document_key: false, document_type: false,
    size_bytes: false, status: false, error: true, error_code: true, pages: true, backend: false,
    provider_sid: true, created_at: false, updated_at: false, completed_at: true, document_deleted_at: true,
  },
  fax_attempts: {
    id: false, job_id: false, attempt_no: false, idempotency_key: false, state: false,
    provider_sid: true, error_code: true, error: true, started_at: false, finished_at: true,
  },
  queue_tasks: {
    id: false, queue: false, dedupe_key: true, payload: false, state: false, run_at: false,
    attempts: false, lease_owner: true, lease_until: true, last_error: true, created_at: false,
    updated_at: false,
  },
  api_keys: {
    id: false, key_id: false, key_hash: false, name: true, owner: true, scopes: false, note: true,
    created_at: false, last_used_at: true, expires_at: true, revoked_at: true,
  },
  plugin_configs: {
    instance_id: false, plugin_id: false, enabled: false, isolation: false, settings: false,
    version: false, updated_at: false, updated_by: false,
  },
  plugin_config_versions: {
    id: false, instance_id: false, version: false, plugin_id: false, enabled: false, isolation: false,
    settings: false, created_at: false, created_by: false,
  },
  inbound_faxes: {
    id: false, backend: false, provider_sid: false, from_number: true, to_number: false, status: false,
    pages: true, size_bytes: false, sha256: false, document_key: true, mailbox_label: true,
    received_at: false, retention_until: true, document_deleted_at: true, created_at: false, updated_at: false,
  },
  mailboxes: { id: false, label: false, note: true, created_at: false, updated_at: false },
  inbound_rules: { id: false, to_number: false, mailbox_label: false, created_at: false },
  document_tokens: {
    id: false, subject_kind: false, subject_id: false, token_hash: false, expires_at: false, created_at: false,
  },
  plugin_documents: { instance_id: false, doc_key: false, value: false, updated_at: false },
};

/** Tables the inbound migration creates; reverting it alone must drop exactly these (and one column). */
const INBOUND_TABLES = ['inbound_faxes', 'mailboxes', 'inbound_rules', 'document_tokens'];
/** Tables of the migrations after the inbound one, reverted first by the inbound revert test. */
const LATER_TABLES = ['plugin_documents'];
const LATER_MIGRATIONS = MIGRATIONS.length - 1 - MIGRATIONS.indexOf(AddInboundAndRetention1795652278634);

/** Named indexes and unique constraints, per table. */
const CONSTRAINTS: Record<string, { indices: string[]; uniques: string[] }> = {
  fax_jobs: {
    indices: ['IDX_fax_jobs_backend_provider_sid', 'IDX_fax_jobs_document_deleted_at_completed_at', 'IDX_fax_jobs_status'],
    uniques: [],
  },
  fax_attempts: {
    indices: ['IDX_fax_attempts_job_id'],
    uniques: ['UQ_fax_attempts_idempotency_key', 'UQ_fax_attempts_job_id_attempt_no'],
  },
  queue_tasks: { indices: ['IDX_queue_tasks_queue_state_run_at'], uniques: ['UQ_queue_tasks_dedupe_key'] },
  api_keys: { indices: [], uniques: ['UQ_api_keys_key_id'] },
  plugin_configs: { indices: [], uniques: [] },
  plugin_config_versions: {
    indices: ['IDX_plugin_config_versions_instance_id'],
    uniques: ['UQ_plugin_config_versions_instance_id_version'],
  },
  inbound_faxes: {
    indices: [
      'IDX_inbound_faxes_document_deleted_at_retention_until',
      'IDX_inbound_faxes_mailbox_label_received_at_id',
      'IDX_inbound_faxes_received_at_id',
      'IDX_inbound_faxes_status_received_at_id',
      'IDX_inbound_faxes_to_number_received_at_id',
    ],
    uniques: ['UQ_inbound_faxes_backend_provider_sid'],
  },
  mailboxes: { indices: [], uniques: ['UQ_mailboxes_label'] },
  inbound_rules: { indices: ['IDX_inbound_rules_mailbox_label'], uniques: ['UQ_inbound_rules_to_number'] },
  document_tokens: {
    indices: ['IDX_document_tokens_expires_at', 'IDX_document_tokens_subject_kind_subject_id'],
    uniques: ['UQ_document_tokens_token_hash'],
  },
  plugin_documents: { indices: [], uniques: [] },
};

interface Target {
  name: string;
  open(): Promise<DataSource>;
  cleanup(dataSource: DataSource): Promise<void>;
}

function sqliteTarget(): Target {
  const dir = mkdtempSync(join(tmpdir(), 'faxbot-migrations-'));
  return {
    name: 'sqlite',
    open: () =>
      new DataSource({ type: 'better-sqlite3', database: join(dir, 'test.db'), migrations: [...MIGRATIONS] }).initialize(),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

function postgresTarget(url: string): Target {
  // A fresh schema per run keeps parallel test runs apart; the name is generated, never user input.
  const schema = `migrations_test_${randomBytes(6).toString('hex')}`;
  return {
    name: 'postgres',
    async open() {
      const dataSource = await new DataSource({
        type: 'postgres',
        url,
        schema,
        extra: { options: `-c search_path=${schema}` },
        migrations: [...MIGRATIONS],
      }).initialize();
      await dataSource.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
      return dataSource;
    },
    async cleanup(dataSource) {
      await dataSource.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    },
  };
}

const url = process.env['TEST_DATABASE_URL'];
const targets: Target[] = [sqliteTarget(), ...(url ? [postgresTarget(url)] : [])];

describe.each(targets)('migrations on $name', (target) => {
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await target.open();
  });

  afterAll(async () => {
    if (!dataSource) return;
    await target.cleanup(dataSource);
    await dataSource.destroy();
  });

  async function loadTable(name: string): Promise<Table | undefined> {
    const runner = dataSource.createQueryRunner();
    try {
      return await runner.getTable(name);
    } finally {
      await runner.release();
    }
  }

  async function columnsOf(name: string): Promise<Record<string, boolean> | undefined> {
    const table = await loadTable(name);
    return table && Object.fromEntries(table.columns.map((column) => [column.name, column.isNullable]));
  }

  it('applies every migration once, each in its own transaction', async () => {
    const applied = await dataSource.runMigrations({ transaction: 'each' });

    expect(applied.map((migration) => migration.name)).toEqual(MIGRATIONS.map((migration) => migration.name));
    await expect(dataSource.showMigrations()).resolves.toBe(false);
  });

  it.each(Object.keys(SCHEMA))('creates %s with its columns and nullability', async (table) => {
    await expect(columnsOf(table)).resolves.toEqual(SCHEMA[table]);
  });

  it.each(Object.keys(CONSTRAINTS))('creates the named indexes and unique constraints of %s', async (name) => {
    const table = await loadTable(name);

    expect({
      indices: table!.indices.map((index) => index.name).sort(),
      uniques: table!.uniques.map((unique) => unique.name).sort(),
    }).toEqual(CONSTRAINTS[name]);
  });

  it('defaults a job to queued and enforces unique idempotency keys', async () => {
    const attemptColumns = 'id, job_id, attempt_no, idempotency_key, state, started_at';
    await dataSource.query(
      `INSERT INTO fax_jobs (id, to_number, file_name, document_key, document_type, size_bytes, backend, created_at, updated_at)
       VALUES ('j1', '+1', 'a.pdf', 'k', 'pdf', 1, 'test', 1, 1)`,
    );
    await dataSource.query(`INSERT INTO fax_attempts (${attemptColumns}) VALUES ('a1', 'j1', 1, 'same', 'sending', 1)`);

    const duplicate = dataSource.query(`INSERT INTO fax_attempts (${attemptColumns}) VALUES ('a2', 'j1', 2, 'same', 'sending', 1)`);

    await expect(duplicate).rejects.toThrow();
    await expect(dataSource.query(`SELECT status FROM fax_jobs WHERE id = 'j1'`)).resolves.toEqual([{ status: 'queued' }]);
  });

  it('keeps one history row per instance and version', async () => {
    const columns = 'id, instance_id, version, plugin_id, enabled, isolation, settings, created_at, created_by';
    const values = `'acme', 1, 'acme', 1, 'in-process', '{}', 1, 'test'`;
    await dataSource.query(`INSERT INTO plugin_config_versions (${columns}) VALUES ('v1', ${values})`);

    const duplicate = dataSource.query(`INSERT INTO plugin_config_versions (${columns}) VALUES ('v2', ${values})`);

    await expect(duplicate).rejects.toThrow();
  });

  it('defaults an inbound fax to received and keeps one row per backend and provider id', async () => {
    const columns = 'id, backend, provider_sid, to_number, size_bytes, sha256, received_at, created_at, updated_at';
    await dataSource.query(`INSERT INTO inbound_faxes (${columns}) VALUES ('i1', 'phaxio', 'px-1', '+1', 1, 'ab', 1, 1, 1)`);

    const duplicate = dataSource.query(`INSERT INTO inbound_faxes (${columns}) VALUES ('i2', 'phaxio', 'px-1', '+1', 1, 'ab', 1, 1, 1)`);

    await expect(duplicate).rejects.toThrow();
    await expect(dataSource.query(`SELECT status FROM inbound_faxes WHERE id = 'i1'`)).resolves.toEqual([{ status: 'received' }]);
  });

  it('orders plugin document keys by bytes and keeps one row per instance and key', async () => {
    for (const key of ['a', 'B', '_', 'b']) {
      await dataSource.query(`INSERT INTO plugin_documents (instance_id, doc_key, value, updated_at) VALUES ('acme', '${key}', '{}', 1)`);
    }

    const duplicate = dataSource.query(`INSERT INTO plugin_documents (instance_id, doc_key, value, updated_at) VALUES ('acme', 'a', '{}', 2)`);

    await expect(duplicate).rejects.toThrow();
    const rows: Array<{ doc_key: string }> = await dataSource.query(`SELECT doc_key FROM plugin_documents ORDER BY doc_key`);
    expect(rows.map((row) => row.doc_key)).toEqual(['B', '_', 'a', 'b']);
  });

  it('reverting the plugin documents migration drops only plugin_documents', async () => {
    await dataSource.undoLastMigration({ transaction: 'each' });

    await expect(columnsOf('plugin_documents')).resolves.toBeUndefined();
    await expect(columnsOf('document_tokens')).resolves.toEqual(SCHEMA['document_tokens']);
    await dataSource.runMigrations({ transaction: 'each' });
  });

  it('reverting the inbound migration drops exactly what it created and keeps jobs and their attempts', async () => {
    const { document_deleted_at: _added, ...faxJobsBefore } = SCHEMA['fax_jobs']!;
    const attemptsBefore = await dataSource.query(`SELECT id, job_id FROM fax_attempts ORDER BY id`);
    expect(attemptsBefore).toEqual([{ id: 'a1', job_id: 'j1' }]);
    for (let i = 0; i < LATER_MIGRATIONS; i++) await dataSource.undoLastMigration({ transaction: 'each' });

    await dataSource.undoLastMigration({ transaction: 'each' });

    for (const table of INBOUND_TABLES) await expect(columnsOf(table)).resolves.toBeUndefined();
    await expect(columnsOf('fax_jobs')).resolves.toEqual(faxJobsBefore);
    const faxJobs = await loadTable('fax_jobs');
    expect(faxJobs!.indices.map((index) => index.name).sort()).toEqual(['IDX_fax_jobs_backend_provider_sid', 'IDX_fax_jobs_status']);
    // On SQLite a rebuilt fax_jobs table would have cascaded its DROP to fax_attempts.
    await expect(dataSource.query(`SELECT id, job_id FROM fax_attempts ORDER BY id`)).resolves.toEqual(attemptsBefore);
    for (const table of Object.keys(SCHEMA).filter((name) => name !== 'fax_jobs' && !INBOUND_TABLES.includes(name) && !LATER_TABLES.includes(name))) {
      await expect(columnsOf(table)).resolves.toEqual(SCHEMA[table]);
    }

    await dataSource.runMigrations({ transaction: 'each' });

    await expect(columnsOf('fax_jobs')).resolves.toEqual(SCHEMA['fax_jobs']);
    await expect(dataSource.query(`SELECT id FROM fax_jobs`)).resolves.toEqual([{ id: 'j1' }]);
  });

  it('reverts every migration and leaves no table behind', async () => {
    for (let i = 0; i < MIGRATIONS.length; i++) await dataSource.undoLastMigration({ transaction: 'each' });

    for (const table of Object.keys(SCHEMA)) await expect(columnsOf(table)).resolves.toBeUndefined();
  });

  it('migrates up again after a full revert', async () => {
    await dataSource.runMigrations({ transaction: 'each' });

    await expect(columnsOf('queue_tasks')).resolves.toEqual(SCHEMA['queue_tasks']);
  });
});
