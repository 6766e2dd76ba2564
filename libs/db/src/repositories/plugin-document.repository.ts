import type { DatabaseKind } from '../data-source/database-options';
import type { SqlExecutor } from '../data-source/sql-executor';

/** One stored plugin document: its key and its value as JSON text. */
export interface PluginDocumentRecord {
  key: string;
  json: string;
  updatedAt: Date;
}

/**
 * The rows behind plugins' `deps.db.documents`, always addressed by instance id: no method can
 * reach another instance's keys. Values are JSON text, checked by the caller; keys are compared and
 * ordered by bytes on both engines.
 */
export interface PluginDocumentRepository {
  /** The document under `key` of `instanceId`, or null. */
  find(instanceId: string, key: string): Promise<PluginDocumentRecord | null>;
  /** Inserts or replaces the document. */
  put(instanceId: string, key: string, json: string): Promise<void>;
  /** Deletes the document; true when it existed. */
  delete(instanceId: string, key: string): Promise<boolean>;
  /** Up to `limit` documents whose key starts with `prefix` and sorts after `after` (null: from the start), by key. */
  list(instanceId: string, options: { prefix: string; after: string | null; limit: number }): Promise<PluginDocumentRecord[]>;
  /** Deletes every document of an instance (when the operator removes it); returns how many. */
  deleteAll(instanceId: string): Promise<number>;
}

interface Row {
  doc_key: string;
  value: string;
  updated_at: string | number;
}

const toRecord = (row: Row): PluginDocumentRecord => ({ key: row.doc_key, json: row.value, updatedAt: new Date(Number(row.updated_at)) });

/** {@link PluginDocumentRepository} in hand-written SQL (`$n` on PostgreSQL, `?` on SQLite). */
export class SqlPluginDocumentRepository implements PluginDocumentRepository {
  constructor(
    private readonly sql: SqlExecutor,
    private readonly kind: DatabaseKind,
  ) {}

  async find(instanceId: string, key: string): Promise<PluginDocumentRecord | null> {
    const { rows } = await this.query<Row>('SELECT doc_key, value, updated_at FROM plugin_documents WHERE instance_id = $1 AND doc_key = $2', [instanceId, key]);
    return rows[0] === undefined ? null : toRecord(rows[0]);
  }

  async put(instanceId: string, key: string, json: string): Promise<void> {
    await this.query(
      `INSERT INTO plugin_documents (instance_id, doc_key, value, updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (instance_id, doc_key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      [instanceId, key, json, Date.now()],
    );
  }

  async delete(instanceId: string, key: string): Promise<boolean> {
    const { affected } = await this.query('DELETE FROM plugin_documents WHERE instance_id = $1 AND doc_key = $2', [instanceId, key]);
    return affected > 0;
  }

  async list(instanceId: string, options: { prefix: string; after: string | null; limit: number }): Promise<PluginDocumentRecord[]> {
    // substr instead of LIKE: keys may contain `_`, which LIKE would read as a wildcard.
    const { rows } = await this.query<Row>(
      `SELECT doc_key, value, updated_at FROM plugin_documents
       WHERE instance_id = $1 AND substr(doc_key, 1, $2) = $3 AND ($4 = 0 OR doc_key > $5)
       ORDER BY doc_key LIMIT $6`,
      [instanceId, options.prefix.length, options.prefix, options.after === null ? 0 : 1, options.after ?? '', options.limit],
    );
    return rows.map(toRecord);
  }

  async deleteAll(instanceId: string): Promise<number> {
    const { affected } = await this.query('DELETE FROM plugin_documents WHERE instance_id = $1', [instanceId]);
    return affected;
  }

  private query<R = Record<string, unknown>>(text: string, parameters: unknown[]): Promise<{ rows: R[]; affected: number }> {
    // Each statement here uses its parameters once and in order, so SQLite's plain `?` fits.
    const sql = this.kind === 'sqlite' ? text.replace(/\$\d+/g, '?') : text;
    return this.sql.run(undefined, (session) => session.query<R>(sql, parameters));
  }
}
