import { PluginDbError } from '../errors/plugin-db-error';
import { createMemoryPluginDb } from './memory-plugin-db';

const codeOf = async (promise: Promise<unknown>): Promise<string | null> =>
  promise.then(
    () => null,
    (error: unknown) => (PluginDbError.is(error) ? error.code : String(error)),
  );

describe('createMemoryPluginDb', () => {
  it('pages documents by prefix in byte order with the host’s key and value rules', async () => {
    const db = createMemoryPluginDb();
    for (const key of ['job:b', 'job:A', 'job:a', 'other']) await db.documents.put(key, { key });

    const first = await db.documents.list({ prefix: 'job:', limit: 2 });
    const second = await db.documents.list({ prefix: 'job:', limit: 2, cursor: first.nextCursor! });

    expect(first.items.map((item) => item.key)).toEqual(['job:A', 'job:a']);
    expect(second).toMatchObject({ items: [{ key: 'job:b' }], nextCursor: null });
    await expect(codeOf(db.documents.put('a key', 1))).resolves.toBe('INVALID_KEY');
    await expect(codeOf(db.documents.put('k', new Map()))).resolves.toBe('INVALID_VALUE');
  });

  it('runs migrations once and rolls a throwing transaction back', async () => {
    const db = createMemoryPluginDb();
    const migrations = [{ id: '0001', sql: ['CREATE TABLE t (id TEXT PRIMARY KEY, n INTEGER)'] }];

    await expect(db.sql.migrate(migrations)).resolves.toEqual({ applied: ['0001'] });
    await expect(db.sql.migrate(migrations)).resolves.toEqual({ applied: [] });
    await expect(db.sql.transaction(async (tx) => {
      await tx.query('INSERT INTO t (id, n) VALUES ($1, $2)', ['a', 1]);
      throw new Error('undo');
    })).rejects.toThrow('undo');
    await db.sql.query('INSERT INTO t (id, n) VALUES ($1, $2)', ['b', true]);

    await expect(db.sql.query('SELECT id, n FROM t')).resolves.toEqual({ rows: [{ id: 'b', n: 1 }], rowCount: 1 });
    await expect(codeOf(db.sql.query('INSERT INTO t (id, n) VALUES ($1, $2)', ['b', 2]))).resolves.toBe('CONSTRAINT_VIOLATION');
    await expect(codeOf(db.sql.transaction(async () => db.sql.query('SELECT 1')))).resolves.toBe('TRANSACTION_OPEN');
  });
});
