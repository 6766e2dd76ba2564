import type { DataSource } from 'typeorm';
import { TEST_DATABASE_KINDS, TestDatabaseTarget } from '../testing/test-database.test-helpers';
import { toConnectionTarget } from './connection-target';
import { createDataSource } from './create-data-source';
import { runMigrations } from './run-migrations';

describe.each(TEST_DATABASE_KINDS)('createDataSource on %s', (kind) => {
  let target: TestDatabaseTarget;
  let dataSource: DataSource;

  beforeAll(async () => {
    target = TestDatabaseTarget.create(kind);
    const connection = toConnectionTarget(target.options);
    dataSource = await createDataSource(connection).initialize();
    await runMigrations(dataSource, connection);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await target?.dispose();
  });

  it('describes the same schema as the migrations (entities and migrations have not drifted)', async () => {
    const pending = await dataSource.driver.createSchemaBuilder().log();

    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });

  it('is idempotent: running the migrations again applies nothing', async () => {
    await runMigrations(dataSource, toConnectionTarget(target.options));

    await expect(dataSource.showMigrations()).resolves.toBe(false);
  });

  if (kind === 'sqlite') {
    it.each([
      ['journal_mode', [{ journal_mode: 'wal' }]],
      ['busy_timeout', [{ timeout: 5000 }]],
      ['foreign_keys', [{ foreign_keys: 1 }]],
    ])('sets PRAGMA %s', async (pragma, expected) => {
      await expect(dataSource.query(`PRAGMA ${pragma}`)).resolves.toEqual(expected);
    });
  }
});
