import { createHash, createHmac } from 'node:crypto';
import type { Pool } from 'pg';
import { PluginDbError } from '@faxbot/plugin-sdk';

/** Where one instance's data lives on PostgreSQL: a schema and the login role that owns its tables (same name). */
export interface PostgresPluginArea {
  /** Name of both the role and the schema; a plain identifier, safe to quote. */
  name: string;
  /** The role's password, derived from the gateway's key, so every gateway sharing the database agrees on it. */
  password: string;
}

/**
 * The area of `instanceId`. The name is `fxp_<instance>_<hash>`: the hash covers the database and
 * the gateway's schema, because roles are shared by the whole PostgreSQL cluster, so two gateways
 * (or test runs) with their own schemas never share a plugin role.
 */
export function postgresPluginArea(options: { database: string; coreSchema: string | undefined; instanceId: string; passwordKey: Buffer }): PostgresPluginArea {
  const identity = `${options.database}\u0000${options.coreSchema ?? ''}\u0000${options.instanceId}`;
  const hash = createHash('sha256').update(identity).digest('hex').slice(0, 10);
  const slug = options.instanceId.toLowerCase().replace(/[^a-z0-9]+/g, '_').slice(0, 40);
  const name = `fxp_${slug}_${hash}`;
  const password = createHmac('sha256', options.passwordKey).update(`faxbot-plugin-db\u0000${identity}`).digest('hex');
  return { name, password };
}

const quote = (identifier: string): string => `"${identifier.replace(/"/g, '""')}"`;

/**
 * Creates (or refreshes) the area as the gateway's user: a NOLOGIN-to-LOGIN role with no
 * attributes and no memberships, a schema owned by the gateway on which that role may only use and
 * create, and the migrations record it may read and append to. Serialised per area with an advisory
 * lock, so gateways starting together do not collide. Requires CREATEROLE.
 */
export async function provisionPostgresArea(admin: Pool, area: PostgresPluginArea): Promise<void> {
  const role = quote(area.name);
  const client = await admin.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [area.name]);
    const exists = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [area.name]);
    // The password is hex (derived, never user input), so it is safe as a literal; DDL takes no parameters.
    const attributes = `LOGIN PASSWORD '${area.password}' NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION NOBYPASSRLS CONNECTION LIMIT 20`;
    await client.query(exists.rowCount === 0 ? `CREATE ROLE ${role} ${attributes}` : `ALTER ROLE ${role} WITH ${attributes}`);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${role}`);
    await client.query(`REVOKE ALL ON SCHEMA ${role} FROM PUBLIC`);
    await client.query(`GRANT USAGE, CREATE ON SCHEMA ${role} TO ${role}`);
    await client.query(`CREATE TABLE IF NOT EXISTS ${role}.faxbot_migrations (id varchar(100) PRIMARY KEY, checksum varchar(64) NOT NULL, applied_at bigint NOT NULL)`);
    await client.query(`GRANT SELECT, INSERT ON ${role}.faxbot_migrations TO ${role}`);
    await client.query('COMMIT');
  } catch (cause) {
    await client.query('ROLLBACK').catch(() => undefined);
    const sqlState = (cause as { code?: unknown }).code;
    if (sqlState === '42501') {
      throw new PluginDbError('UNAVAILABLE', "deps.db.sql is unavailable: the gateway's PostgreSQL user may not create roles; grant it CREATEROLE (see docs/operations/plugin-database.md)", { cause, sqlState });
    }
    throw new PluginDbError('UNAVAILABLE', `deps.db.sql is unavailable: the plugin's schema could not be set up${typeof sqlState === 'string' ? ` (SQLSTATE ${sqlState})` : ''}`, { cause });
  } finally {
    client.release();
  }
}

/** Drops the area's schema (with every table in it) and its role. */
export async function dropPostgresArea(admin: Pool, name: string): Promise<void> {
  const role = quote(name);
  await admin.query(`DROP SCHEMA IF EXISTS ${role} CASCADE`);
  const exists = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [name]);
  if (exists.rowCount === 0) return;
  await admin.query(`DROP OWNED BY ${role}`);
  await admin.query(`DROP ROLE ${role}`);
}
