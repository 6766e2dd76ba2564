import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Pool } from 'pg';
import { PluginDbError } from '@faxbot/plugin-sdk';
import { toConnectionTarget } from '../data-source/connection-target';
import type { DatabaseOptions } from '../data-source/database-options';
import type { PluginSqlEngine, PluginSqlHost } from './plugin-sql-engine';
import { dropPostgresArea, postgresPluginArea, provisionPostgresArea } from './postgres-plugin-role';
import { PostgresPluginSql } from './postgres-plugin-sql';
import { SqlitePluginSql } from './sqlite-plugin-sql';

/** Where plugin SQL areas go: next to the gateway's own database. */
export interface PluginSqlHostOptions {
  /** The gateway's database, as passed to `openDatabase`. */
  database: DatabaseOptions;
  /** SQLite: the folder that holds one `<instanceId>.sqlite` file per instance (created 0700). */
  sqliteDir: string;
  /** PostgreSQL: key the plugin roles' passwords are derived from (the gateway's secret key). */
  passwordKey: Buffer;
}

// Instance ids are `^[a-z][a-z0-9-]{1,62}$`; default instances use the plugin id, which may also hold dots and underscores.
const INSTANCE_ID = /^[a-z0-9][a-z0-9._-]{0,99}$/;

function checkInstanceId(instanceId: string): void {
  if (!INSTANCE_ID.test(instanceId)) throw new PluginDbError('INVALID_ARGUMENT', 'the instance id cannot name a plugin database');
}

/**
 * Opens plugin SQL areas on the same engine as the gateway's database: one SQLite file per
 * instance in `sqliteDir`, or one role and schema per instance in the gateway's PostgreSQL
 * database. A SQLite `:memory:` gateway database still gets files (plugins' data outlive nothing
 * then, but the isolation is the same).
 *
 * @example
 * const sqlHost = createPluginSqlHost({ database: options, sqliteDir: join(dataDir, 'plugin-databases'), passwordKey: secretKey });
 * const sql = await sqlHost.open('acme');
 * await sql.query('SELECT 1', []);
 * await sqlHost.close();
 */
export function createPluginSqlHost(options: PluginSqlHostOptions): PluginSqlHost {
  const target = toConnectionTarget(options.database);
  const engines = new Set<PluginSqlEngine>();
  const track = (engine: PluginSqlEngine): PluginSqlEngine => {
    engines.add(engine);
    const close = engine.close.bind(engine);
    engine.close = async () => {
      engines.delete(engine);
      await close();
    };
    return engine;
  };
  if (target.kind === 'sqlite') {
    const fileOf = (instanceId: string): string => {
      checkInstanceId(instanceId);
      return join(options.sqliteDir, `${instanceId}.sqlite`);
    };
    return {
      dialect: 'sqlite',
      open: async (instanceId) => {
        const path = fileOf(instanceId);
        mkdirSync(options.sqliteDir, { recursive: true, mode: 0o700 });
        return track(SqlitePluginSql.open(path));
      },
      drop: async (instanceId) => {
        const path = fileOf(instanceId);
        for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
      },
      close: async () => {
        await Promise.all([...engines].map((engine) => engine.close()));
      },
    };
  }

  const admin = new Pool({ connectionString: target.url, max: 2, application_name: 'faxbot-plugin-admin' });
  admin.on('error', () => undefined);
  let adminOpen = true;
  const database = decodeURIComponent(new URL(target.url).pathname.replace(/^\//, '')) || 'postgres';
  const areaOf = (instanceId: string) => {
    checkInstanceId(instanceId);
    return postgresPluginArea({ database, coreSchema: target.schema, instanceId, passwordKey: options.passwordKey });
  };
  return {
    dialect: 'postgres',
    open: async (instanceId) => {
      const area = areaOf(instanceId);
      await provisionPostgresArea(admin, area);
      return track(PostgresPluginSql.open(target.url, area));
    },
    drop: async (instanceId) => {
      await dropPostgresArea(admin, areaOf(instanceId).name);
    },
    close: async () => {
      await Promise.all([...engines].map((engine) => engine.close()));
      if (adminOpen) await admin.end();
      adminOpen = false;
    },
  };
}
