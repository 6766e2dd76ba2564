import type BetterSqlite3 from 'better-sqlite3';
import { PluginDbError } from '@faxbot/plugin-sdk';

interface ExplainRow {
  opcode: string;
  p1: number;
  p2: number;
  p3: number;
  p4: unknown;
}

// Opcodes whose operand names a database by index (0 main, 1 temp, 2+ attached): p1 or p3.
const DB_INDEX_IN_P1 = new Set(['Transaction', 'ReadCookie', 'SetCookie', 'VBegin', 'ParseSchema', 'Destroy', 'Clear', 'CreateBtree', 'IntegrityCk', 'JournalMode', 'Checkpoint', 'TableLock']);
const DB_INDEX_IN_P3 = new Set(['OpenRead', 'OpenWrite', 'ReopenIdx']);

/**
 * Why SQLite's own compilation of `sql` is not allowed for a plugin, or null when it is. The
 * statement is compiled with `EXPLAIN` (SQLite's parser, not a text match) and its program is
 * inspected: attaching or detaching a database file, `VACUUM INTO` a file, transaction control
 * (`BEGIN`, `COMMIT`, `ROLLBACK`: use `transaction()`) and any access to a database other than the
 * plugin's own file are refused. Other files can therefore never be opened through this connection.
 */
export function refusedBySqlite(db: BetterSqlite3.Database, sql: string, bindings: unknown[] = []): string | null {
  // The values do not change the program, but SQLite wants every parameter bound to run EXPLAIN.
  const program = db.prepare(`EXPLAIN ${sql}`).all(...bindings) as ExplainRow[];
  for (const step of program) {
    const p4 = typeof step.p4 === 'string' ? step.p4 : '';
    if ((step.opcode === 'Function' || step.opcode === 'PureFunc') && /^sqlite_(attach|detach)\(/.test(p4)) return 'ATTACH and DETACH are not allowed';
    if (step.opcode === 'Vacuum' && step.p2 !== 0) return 'VACUUM INTO is not allowed';
    if (step.opcode === 'AutoCommit') return 'BEGIN, COMMIT and ROLLBACK are not allowed; use transaction()';
    if (DB_INDEX_IN_P1.has(step.opcode) && step.p1 > 1) return 'only the plugin database can be used';
    if (DB_INDEX_IN_P3.has(step.opcode) && step.p3 > 1) return 'only the plugin database can be used';
  }
  return null;
}

/** Throws `QUERY_REFUSED` when {@link refusedBySqlite} refuses `sql`. */
export function guardSqliteStatement(db: BetterSqlite3.Database, sql: string, bindings: unknown[] = []): void {
  const reason = refusedBySqlite(db, sql, bindings);
  if (reason !== null) throw new PluginDbError('QUERY_REFUSED', reason);
}
