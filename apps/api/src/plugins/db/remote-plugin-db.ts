import { AsyncLocalStorage } from 'node:async_hooks';
import { PluginDbError, checkSqlCall, type DocumentPage, type PluginDb, type PluginDbDialect, type PluginDocumentStore, type PluginSql, type SqlResult } from '@faxbot/plugin-sdk';
import type { RelayOutcome } from './plugin-db.relay';

/** Calls one relay method on the host. */
export type PluginDbRelayCall = (method: string, ...args: unknown[]) => Promise<unknown>;

/**
 * `deps.db` inside an isolated child, over the host's relay (see `plugin-db.relay.ts`). Errors come
 * back as data and are rebuilt as `PluginDbError`s with their code. `transaction(fn)` runs `fn` here
 * and drives a transaction held open on the host: begin, each `tx.query`, then commit when `fn`
 * resolves or rollback when it rejects. Asks the host for the dialect once, before the plugin starts.
 *
 * @example
 * const db = await createRemotePluginDb((method, ...args) => ask({ type: 'service', service: 'db', method, args }));
 */
export async function createRemotePluginDb(relay: PluginDbRelayCall): Promise<PluginDb> {
  const call = async (method: string, ...args: unknown[]): Promise<unknown> => {
    const answer = (await relay(method, ...args)) as RelayOutcome;
    if (answer.ok) return answer.value;
    throw new PluginDbError(answer.code, answer.message, answer.sqlState === undefined ? {} : { sqlState: answer.sqlState });
  };
  const { dialect } = (await call('describe')) as { dialect: PluginDbDialect };
  const inside = new AsyncLocalStorage<{ open: boolean }>();
  const outside = (): void => {
    if (inside.getStore()?.open) throw new PluginDbError('TRANSACTION_OPEN', 'inside transaction() use tx.query');
  };
  const documents: PluginDocumentStore = {
    get: async <T>(key: string) => (await call('docGet', key)) as T | undefined,
    put: async (key, value) => {
      await call('docPut', key, value);
    },
    delete: async (key) => (await call('docDelete', key)) as boolean,
    list: async <T>(options?: Parameters<PluginDocumentStore['list']>[0]) => (await call('docList', options)) as DocumentPage<T>,
  };
  const sql: PluginSql = {
    dialect,
    migrate: async (migrations) => {
      outside();
      return (await call('sqlMigrate', migrations)) as Awaited<ReturnType<PluginSql['migrate']>>;
    },
    query: async <Row>(text: string, params?: Parameters<PluginSql['query']>[1]) => {
      outside();
      // Checked here too, so a value that cannot be sent (a function, a Date) fails with the SDK's code.
      return (await call('sqlQuery', text, checkSqlCall(text, params))) as SqlResult<Row>;
    },
    transaction: async (fn) => {
      outside();
      if (typeof fn !== 'function') throw new PluginDbError('INVALID_ARGUMENT', 'transaction() takes a function');
      const handle = await call('txBegin');
      const marker = { open: true };
      const tx = {
        query: async <Row>(text: string, params?: Parameters<PluginSql['query']>[1]) => {
          if (!marker.open) throw new PluginDbError('TRANSACTION_CLOSED', 'this transaction has ended');
          return (await call('txQuery', handle, text, checkSqlCall(text, params))) as SqlResult<Row>;
        },
      };
      let result: Awaited<ReturnType<typeof fn>>;
      try {
        result = await inside.run(marker, () => fn(tx));
      } catch (error) {
        marker.open = false;
        await call('txRollback', handle).catch(() => undefined);
        throw error;
      }
      marker.open = false;
      await call('txCommit', handle);
      return result;
    },
  };
  return { documents, sql };
}
