import { AsyncLocalStorage } from 'node:async_hooks';
import { PluginDbError, checkSqlCall, planMigrations, type PluginDbDialect, type PluginSql, type SqlResult } from '@faxbot/plugin-sdk';
import type { PluginSqlEngine } from '@faxbot/db';

/**
 * `deps.db.sql` of one instance over its engine, which is opened on first use (so a plugin that
 * never uses SQL gets no file, role or schema). When the area cannot be set up, every call rejects
 * with `UNAVAILABLE` (the next call tries again) and `onUnavailable` hears about the first failure.
 */
export function createPluginSql(options: {
  dialect: PluginDbDialect;
  open: () => Promise<PluginSqlEngine>;
  onUnavailable: (error: PluginDbError) => void;
}): { sql: PluginSql; close: () => Promise<void> } {
  let opening: Promise<PluginSqlEngine> | null = null;
  let closed = false;
  let reported = false;
  const engine = (): Promise<PluginSqlEngine> => {
    if (closed) return Promise.reject(new PluginDbError('UNAVAILABLE', 'the plugin instance has stopped'));
    opening ??= options.open().catch((error: unknown) => {
      // The next call tries again (the database may be back); the operator hears about it once.
      opening = null;
      const failure = PluginDbError.is(error) ? error : new PluginDbError('UNAVAILABLE', 'the plugin database could not be opened', { cause: error });
      if (!reported) options.onUnavailable(failure);
      reported = true;
      throw failure;
    });
    return opening;
  };
  // Marks the async context of a transaction callback: the instance's own query() there would wait
  // for the transaction (SQLite) or escape it (PostgreSQL), both surprises; it is refused instead.
  const inside = new AsyncLocalStorage<{ open: boolean }>();
  const outside = (): void => {
    if (inside.getStore()?.open) throw new PluginDbError('TRANSACTION_OPEN', 'inside transaction() use tx.query');
  };
  const sql: PluginSql = {
    dialect: options.dialect,
    migrate: async (migrations) => {
      outside();
      const plan = planMigrations(migrations, options.dialect);
      return { applied: await (await engine()).migrate(plan) };
    },
    query: async <Row>(text: string, params?: Parameters<PluginSql['query']>[1]) => {
      outside();
      const checked = checkSqlCall(text, params);
      return (await (await engine()).query(text, checked)) as SqlResult<Row>;
    },
    transaction: async (fn) => {
      outside();
      if (typeof fn !== 'function') throw new PluginDbError('INVALID_ARGUMENT', 'transaction() takes a function');
      return (await engine()).transaction((query) => {
        const marker = { open: true };
        const tx = {
          query: async <Row>(text: string, params?: Parameters<PluginSql['query']>[1]) => (await query(text, checkSqlCall(text, params))) as SqlResult<Row>,
        };
        return inside.run(marker, () => fn(tx)).finally(() => {
          marker.open = false;
        });
      });
    },
  };
  return {
    sql,
    close: async () => {
      closed = true;
      const opened = opening;
      opening = null;
      await opened?.then((open) => open.close(), () => undefined);
    },
  };
}
