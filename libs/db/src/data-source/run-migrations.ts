import { MIGRATIONS } from '@faxbot/migrations';
import type { DataSource } from 'typeorm';
import type { ConnectionTarget } from './connection-target';

/**
 * Creates the PostgreSQL schema if needed and applies pending migrations, each in its own transaction.
 * On PostgreSQL an advisory lock (per schema) serialises processes that boot at the same time, such as
 * the API and a worker; the second one waits and then finds nothing left to do.
 */
export async function runMigrations(dataSource: DataSource, target: ConnectionTarget): Promise<void> {
  if (target.kind === 'sqlite') {
    await dataSource.runMigrations({ transaction: 'each' });
    return;
  }
  const lockName = `faxbot-migrations:${target.schema ?? ''}`;
  const runner = dataSource.createQueryRunner();
  try {
    await runner.query('SELECT pg_advisory_lock(hashtext($1))', [lockName]);
    try {
      if (target.schema) await runner.query(`CREATE SCHEMA IF NOT EXISTS "${target.schema}"`);
      await dataSource.runMigrations({ transaction: 'each' });
    } finally {
      await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [lockName]);
    }
  } finally {
    await runner.release();
  }
}

/** Reverts every applied migration, newest first; reverting when none is applied does nothing. */
export async function revertMigrations(dataSource: DataSource): Promise<void> {
  for (let i = 0; i < MIGRATIONS.length; i++) await dataSource.undoLastMigration({ transaction: 'each' });
}
