import type { PlannedMigration, SqlParam, SqlResult } from '@faxbot/plugin-sdk';
import type { DatabaseKind } from '../data-source/database-options';

/** Runs one statement of a plugin. */
export type PluginSqlRunner = (sql: string, params: readonly SqlParam[]) => Promise<SqlResult>;

/**
 * The SQL area of one plugin instance: its own SQLite file, or its own PostgreSQL schema reached
 * through its own login role. Inputs are checked by the caller (see the SDK's `checkSqlCall` and
 * `planMigrations`); every failure is a `PluginDbError`.
 */
export interface PluginSqlEngine {
  readonly dialect: DatabaseKind;
  /** Runs one statement on its own. */
  query: PluginSqlRunner;
  /** Runs `fn` in one transaction; commits when it resolves, rolls back when it rejects. */
  transaction<T>(fn: (query: PluginSqlRunner) => Promise<T>): Promise<T>;
  /** Applies the migrations not recorded yet, each with its record in one transaction; returns their ids. */
  migrate(plan: readonly PlannedMigration[]): Promise<string[]>;
  /** Closes the instance's connections; later calls reject with `UNAVAILABLE`. */
  close(): Promise<void>;
}

/** Opens the SQL areas of plugin instances on one gateway database. */
export interface PluginSqlHost {
  readonly dialect: DatabaseKind;
  /**
   * The area of `instanceId`, created on first use (a file, or a role and a schema). Rejects with
   * `UNAVAILABLE` when it cannot be created, e.g. when the gateway's PostgreSQL user lacks CREATEROLE.
   */
  open(instanceId: string): Promise<PluginSqlEngine>;
  /** Deletes an instance's area and everything in it (its file, or its schema and role). */
  drop(instanceId: string): Promise<void>;
  /** Closes every connection this host opened. */
  close(): Promise<void>;
}
