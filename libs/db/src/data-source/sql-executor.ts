import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntityManager } from 'typeorm';
import type { TxScope } from '../database';
import { DatabaseError } from '../errors/database-error';
import type { SqliteMutex } from './sqlite-mutex';

/** Raw rows and the affected-row count of one statement. */
export interface SqlResult<Row> {
  rows: Row[];
  affected: number;
}

/** One place to run statements: the entity manager for TypeORM calls, `query` for hand-written SQL. */
export interface SqlSession {
  readonly manager: EntityManager;
  /** Runs parameterised SQL (`?` on SQLite, `$1` on PostgreSQL). */
  query<Row = Record<string, unknown>>(sql: string, parameters?: unknown[]): Promise<SqlResult<Row>>;
}

/**
 * Decides where each repository call runs: inside the caller's transaction when it passes a scope,
 * otherwise on its own, behind the SQLite mutex when there is one. Keeps scopes opaque by mapping them
 * to sessions in a WeakMap that forgets a scope as soon as its transaction ends.
 */
export class SqlExecutor {
  private readonly sessions = new WeakMap<TxScope, SqlSession>();
  // Marks the async context of an open transaction callback, to catch calls that forgot the scope.
  private readonly insideTransaction = new AsyncLocalStorage<{ open: boolean }>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly mutex: SqliteMutex | undefined,
  ) {}

  /** Runs `fn` in the transaction of `scope`, or on its own when `scope` is undefined. */
  async run<T>(scope: TxScope | undefined, fn: (session: SqlSession) => Promise<T>): Promise<T> {
    if (scope) return fn(this.sessionOf(scope));
    this.assertOutsideTransaction();
    return this.exclusive(() => fn(this.createSession(this.dataSource.manager)));
  }

  /** Runs `fn` in a new transaction that commits when it resolves and rolls back when it rejects. */
  async transaction<T>(fn: (scope: TxScope) => Promise<T>): Promise<T> {
    this.assertOutsideTransaction();
    return this.exclusive(() =>
      this.dataSource.transaction(async (manager) => {
        const scope: TxScope = Object.freeze({ __brand: 'TxScope' });
        const marker = { open: true };
        this.sessions.set(scope, this.createSession(manager));
        try {
          return await this.insideTransaction.run(marker, () => fn(scope));
        } finally {
          // Work that fn started but did not await may outlive the transaction; it is then on its own.
          marker.open = false;
          this.sessions.delete(scope);
        }
      }),
    );
  }

  /** Runs several statements of one repository method atomically. */
  atomically<T>(fn: (session: SqlSession) => Promise<T>): Promise<T> {
    return this.transaction((scope) => fn(this.sessionOf(scope)));
  }

  /** Closes the connections once running work has finished. */
  async close(): Promise<void> {
    this.assertOutsideTransaction();
    return this.exclusive(async () => {
      if (this.dataSource.isInitialized) await this.dataSource.destroy();
    });
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    return this.mutex ? this.mutex.runExclusive(fn) : fn();
  }

  private sessionOf(scope: TxScope): SqlSession {
    const session = this.sessions.get(scope);
    if (!session) {
      throw new DatabaseError('SCOPE_MISUSE', 'this scope belongs to a finished transaction or to another database');
    }
    return session;
  }

  private assertOutsideTransaction(): void {
    if (this.insideTransaction.getStore()?.open) {
      throw new DatabaseError('SCOPE_MISUSE', 'inside transaction() pass its scope to every database call');
    }
  }

  private createSession(manager: EntityManager): SqlSession {
    const dataSource = this.dataSource;
    return {
      manager,
      async query<Row>(sql: string, parameters: unknown[] = []): Promise<SqlResult<Row>> {
        // A transaction's manager carries its query runner; otherwise borrow one for this statement.
        const runner = manager.queryRunner ?? dataSource.createQueryRunner();
        try {
          const result = await runner.query(sql, parameters, true);
          const rows = (result.records ?? []) as Row[];
          // better-sqlite3 reports no count for statements that return rows (… RETURNING *).
          return { rows, affected: result.affected ?? rows.length };
        } finally {
          if (!manager.queryRunner) await runner.release();
        }
      },
    };
  }
}
