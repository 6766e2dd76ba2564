import { Pool, type PoolClient } from 'pg';
import { PluginDbError, type PlannedMigration, type SqlParam, type SqlResult } from '@faxbot/plugin-sdk';
import type { PluginSqlEngine, PluginSqlRunner } from './plugin-sql-engine';
import { fromPostgresError } from './plugin-sql-errors';
import type { PostgresPluginArea } from './postgres-plugin-role';

const POOL_SIZE = 5;

function values(params: readonly SqlParam[]): unknown[] {
  return params.map((param) => (param instanceof Uint8Array && !Buffer.isBuffer(param) ? Buffer.from(param.buffer, param.byteOffset, param.byteLength) : param));
}

/** Runs one statement with the extended protocol, which accepts exactly one statement per call. */
async function run(client: Pool | PoolClient, sql: string, params: readonly SqlParam[]): Promise<SqlResult> {
  try {
    const result = await client.query({ text: sql, values: values(params), queryMode: 'extended' } as { text: string; values: unknown[] });
    const rows = (result.rows ?? []) as Record<string, unknown>[];
    return { rows, rowCount: result.rowCount ?? rows.length };
  } catch (error) {
    throw fromPostgresError(error);
  }
}

/**
 * One plugin instance's PostgreSQL area: a pool that logs in as the instance's own role, whose only
 * rights are on its own schema. `SET ROLE`, `RESET ROLE` or a schema-qualified name cannot reach
 * the gateway's tables or another plugin's: the session never had those rights to return to.
 */
export class PostgresPluginSql implements PluginSqlEngine {
  readonly dialect = 'postgres' as const;
  private closed = false;

  private constructor(
    private readonly pool: Pool,
    private readonly schema: string,
  ) {}

  /** A pool on `url` (the gateway's database) as the area's role, with the area's schema as search_path. */
  static open(url: string, area: PostgresPluginArea): PostgresPluginSql {
    const login = new URL(url);
    login.username = area.name;
    login.password = area.password;
    const pool = new Pool({
      connectionString: login.href,
      max: POOL_SIZE,
      application_name: 'faxbot-plugin',
      // A plugin may change these for its own session; they only protect it and its own pool.
      options: `-c search_path=${area.name} -c idle_in_transaction_session_timeout=60000`,
    });
    // An idle connection that dies is replaced on the next query; the error itself is not the plugin's concern.
    pool.on('error', () => undefined);
    return new PostgresPluginSql(pool, area.name);
  }

  query: PluginSqlRunner = async (sql, params) => {
    this.assertOpen();
    return run(this.pool, sql, params);
  };

  async transaction<T>(fn: (query: PluginSqlRunner) => Promise<T>): Promise<T> {
    const client = await this.connect();
    let open = true;
    let broken = false;
    try {
      await run(client, 'BEGIN', []);
      const inside: PluginSqlRunner = async (sql, params) => {
        if (!open) throw new PluginDbError('TRANSACTION_CLOSED', 'this transaction has ended');
        return run(client, sql, params);
      };
      try {
        const result = await fn(inside);
        open = false;
        await run(client, 'COMMIT', []);
        return result;
      } catch (error) {
        open = false;
        await run(client, 'ROLLBACK', []).catch(() => {
          broken = true;
        });
        throw error;
      }
    } finally {
      client.release(broken);
    }
  }

  async migrate(plan: readonly PlannedMigration[]): Promise<string[]> {
    const applied: string[] = [];
    const table = `"${this.schema}".faxbot_migrations`;
    for (const migration of plan) {
      const client = await this.connect();
      try {
        await run(client, 'BEGIN', []);
        // Gateways starting the same plugin together apply each migration once.
        await run(client, 'SELECT pg_advisory_xact_lock(hashtext($1))', [`faxbot-migrations:${this.schema}`]);
        const { rows } = await run(client, `SELECT checksum FROM ${table} WHERE id = $1`, [migration.id]);
        const recorded = rows[0] as { checksum: string } | undefined;
        if (recorded !== undefined && recorded.checksum !== migration.checksum) throw new PluginDbError('MIGRATION_CHANGED', `migration ${migration.id} was applied with different SQL; add a new migration instead`);
        if (recorded === undefined) {
          for (const statement of migration.statements) {
            try {
              await run(client, statement, []);
            } catch (cause) {
              const mapped = fromPostgresError(cause);
              throw new PluginDbError('MIGRATION_FAILED', `migration ${migration.id} failed: ${mapped.message}`, { cause, ...(mapped.sqlState === undefined ? {} : { sqlState: mapped.sqlState }) });
            }
          }
          await run(client, `INSERT INTO ${table} (id, checksum, applied_at) VALUES ($1, $2, $3)`, [migration.id, migration.checksum, Date.now()]);
          applied.push(migration.id);
        }
        await run(client, 'COMMIT', []);
        client.release();
      } catch (error) {
        const rolledBack = await run(client, 'ROLLBACK', []).then(
          () => true,
          () => false,
        );
        client.release(!rolledBack);
        throw error;
      }
    }
    return applied;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }

  private assertOpen(): void {
    if (this.closed) throw new PluginDbError('UNAVAILABLE', 'the plugin database is closed');
  }

  private async connect(): Promise<PoolClient> {
    this.assertOpen();
    try {
      return await this.pool.connect();
    } catch (error) {
      throw fromPostgresError(error);
    }
  }
}
