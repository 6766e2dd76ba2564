import { PluginDbError, type PluginDb, type PluginLogger } from '@faxbot/plugin-sdk';
import type { Database, PluginSqlHost } from '@faxbot/db';
import { createPluginDocuments } from './plugin-documents.adapter';
import { createPluginSql } from './plugin-sql.adapter';

/** One instance's `deps.db` and how to release its connections when the instance stops. */
export interface ScopedPluginDb {
  db: PluginDb;
  close(): Promise<void>;
}

/**
 * Builds `deps.db` for one instance: its documents in the core database, its SQL in its own area
 * (opened on first use). Without a SQL host (a gateway built without one), `deps.db.sql` rejects
 * with `UNAVAILABLE` and the documents still work. A SQL area that cannot be set up is logged once,
 * with the operator's remedy and no values.
 *
 * @example
 * const scoped = createPluginDb({ database, sqlHost, instanceId: 'acme', logger });
 * await scoped.db.documents.put('settings', { region: 'eu' });
 * await scoped.close();
 */
export function createPluginDb(options: { database: Database; sqlHost: PluginSqlHost | undefined; instanceId: string; logger: PluginLogger }): ScopedPluginDb {
  const { sqlHost, instanceId } = options;
  const scopedSql = createPluginSql({
    dialect: sqlHost?.dialect ?? options.database.kind,
    open: () => (sqlHost === undefined ? Promise.reject(new PluginDbError('UNAVAILABLE', 'deps.db.sql is not available in this gateway')) : sqlHost.open(instanceId)),
    onUnavailable: (error) => options.logger.warn('deps.db.sql is unavailable', { code: error.code, reason: error.message }),
  });
  return {
    db: { documents: createPluginDocuments(options.database.pluginDocuments, instanceId), sql: scopedSql.sql },
    close: scopedSql.close,
  };
}
