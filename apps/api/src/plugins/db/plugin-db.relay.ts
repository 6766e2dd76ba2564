import { randomUUID } from 'node:crypto';
import { PluginDbError, type PluginDb, type PluginDbErrorCode, type PluginSqlTransaction } from '@faxbot/plugin-sdk';

/** A relay answer: errors travel as data so their code survives the isolation boundary. */
export type RelayOutcome = { ok: true; value: unknown } | { ok: false; code: PluginDbErrorCode; message: string; sqlState?: string };

/** Methods of the relay an isolated child may call (listed in `SERVICE_METHODS.db`). */
export const PLUGIN_DB_RELAY_METHODS = ['describe', 'docGet', 'docPut', 'docDelete', 'docList', 'sqlMigrate', 'sqlQuery', 'txBegin', 'txQuery', 'txCommit', 'txRollback'] as const;

/** The host side of an isolated plugin's `deps.db`: each call answers a {@link RelayOutcome}. */
export type PluginDbRelay = Record<(typeof PLUGIN_DB_RELAY_METHODS)[number], (...args: unknown[]) => Promise<RelayOutcome>> & {
  /** Rolls back every transaction the child left open (it crashed or stopped mid-transaction). */
  rollbackAll(): Promise<void>;
};

interface OpenTransaction {
  tx: PluginSqlTransaction;
  finish(decision: 'commit' | 'rollback'): void;
  done: Promise<void>;
}

class RolledBack extends Error {}

async function outcome(work: () => Promise<unknown>): Promise<RelayOutcome> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    if (PluginDbError.is(error)) return { ok: false, code: error.code, message: error.message, ...(error.sqlState === undefined ? {} : { sqlState: error.sqlState }) };
    return { ok: false, code: 'QUERY_FAILED', message: 'the database call failed' };
  }
}

const relays = new WeakMap<PluginDb, PluginDbRelay>();

/**
 * The relay for one instance's host-side `deps.db` (one per instance, reused across child
 * restarts). A child's `transaction(fn)` becomes begin → queries → commit or rollback: `txBegin`
 * opens a real transaction through `deps.db.sql.transaction` and keeps it open, under a random
 * handle, until `txCommit` or `txRollback` (or {@link PluginDbRelay.rollbackAll} when the child ends).
 */
export function pluginDbRelay(db: PluginDb): PluginDbRelay {
  const existing = relays.get(db);
  if (existing !== undefined) return existing;
  const open = new Map<string, OpenTransaction>();
  const transactionOf = (handle: unknown): OpenTransaction => {
    const found = typeof handle === 'string' ? open.get(handle) : undefined;
    if (found === undefined) throw new PluginDbError('TRANSACTION_CLOSED', 'this transaction has ended');
    return found;
  };
  const end = async (handle: unknown, decision: 'commit' | 'rollback'): Promise<void> => {
    const transaction = transactionOf(handle);
    open.delete(handle as string);
    transaction.finish(decision);
    await transaction.done.catch((error: unknown) => {
      if (!(error instanceof RolledBack)) throw error;
    });
  };
  const relay: PluginDbRelay = {
    describe: () => outcome(async () => ({ dialect: db.sql.dialect })),
    docGet: (key) => outcome(() => db.documents.get(key as string)),
    docPut: (key, value) => outcome(() => db.documents.put(key as string, value)),
    docDelete: (key) => outcome(() => db.documents.delete(key as string)),
    docList: (options) => outcome(() => db.documents.list(options as Parameters<PluginDb['documents']['list']>[0])),
    sqlMigrate: (migrations) => outcome(() => db.sql.migrate(migrations as Parameters<PluginDb['sql']['migrate']>[0])),
    sqlQuery: (sql, params) => outcome(() => db.sql.query(sql as string, params as Parameters<PluginDb['sql']['query']>[1])),
    txBegin: () =>
      outcome(
        () =>
          new Promise<string>((resolve, reject) => {
            const handle = randomUUID();
            let finish: (decision: 'commit' | 'rollback') => void = () => undefined;
            const decided = new Promise<'commit' | 'rollback'>((settle) => {
              finish = settle;
            });
            const done = db.sql.transaction(async (tx) => {
              open.set(handle, { tx, finish, done });
              resolve(handle);
              if ((await decided) === 'rollback') throw new RolledBack();
            });
            // A transaction that could not begin rejects before its callback ran.
            done.catch((error: unknown) => {
              if (!open.has(handle)) reject(error);
            });
          }),
      ),
    txQuery: (handle, sql, params) => outcome(() => transactionOf(handle).tx.query(sql as string, params as Parameters<PluginSqlTransaction['query']>[1])),
    txCommit: (handle) => outcome(() => end(handle, 'commit')),
    txRollback: (handle) => outcome(() => end(handle, 'rollback')),
    rollbackAll: async () => {
      await Promise.all([...open.keys()].map((handle) => end(handle, 'rollback').catch(() => undefined)));
    },
  };
  relays.set(db, relay);
  return relay;
}
