import { createHash } from 'node:crypto';
import type { DocumentListOptions, PluginDbDialect, PluginSqlMigration, SqlParam } from '../contracts/plugin-db';
import { PluginDbError } from '../errors/plugin-db-error';

/** Largest document `deps.db.documents` keeps: the length of its JSON, in bytes. */
export const PLUGIN_DOCUMENT_MAX_BYTES = 256 * 1024;

const KEY = /^[A-Za-z0-9_\-.:/@+=]{1,200}$/;
const MIGRATION_ID = /^[A-Za-z0-9._-]{1,100}$/;
const MAX_DEPTH = 64;
const MAX_PARAMS = 1000;
const MAX_SQL_LENGTH = 100_000;

/** Throws `INVALID_KEY` unless `key` is 1-200 characters of letters, digits and `_ - . : / @ + =`. */
export function checkDocumentKey(key: unknown): string {
  if (typeof key !== 'string' || !KEY.test(key)) throw new PluginDbError('INVALID_KEY', 'a document key is 1-200 characters of letters, digits and _ - . : / @ + =');
  return key;
}

function checkJson(value: unknown, depth: number, seen: Set<object>): void {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return;
    throw new PluginDbError('INVALID_VALUE', 'documents hold finite numbers only');
  }
  if (typeof value !== 'object') throw new PluginDbError('INVALID_VALUE', `documents cannot hold a ${typeof value}`);
  if (depth > MAX_DEPTH) throw new PluginDbError('INVALID_VALUE', `documents are at most ${MAX_DEPTH} levels deep`);
  if (seen.has(value)) throw new PluginDbError('INVALID_VALUE', 'documents cannot hold cycles');
  // A plain object's prototype is some realm's Object.prototype (whose own prototype is null) or null;
  // values that crossed from a worker thread or a child come from another realm.
  const proto: unknown = Object.getPrototypeOf(value);
  const plain = proto === null || (Object.prototype.toString.call(value) === '[object Object]' && Object.getPrototypeOf(proto) === null);
  if (!Array.isArray(value) && !plain) throw new PluginDbError('INVALID_VALUE', 'documents hold plain objects and arrays only');
  seen.add(value);
  for (const item of Array.isArray(value) ? value : Object.values(value)) checkJson(item, depth + 1, seen);
  seen.delete(value);
}

/**
 * The JSON text of a document value. Throws `INVALID_VALUE` unless it is plain JSON data (no
 * `undefined`, functions, `NaN`, dates, maps, class instances or cycles) and `TOO_LARGE` past
 * {@link PLUGIN_DOCUMENT_MAX_BYTES}.
 *
 * @example
 * const json = encodeDocumentValue({ region: 'eu' }); // '{"region":"eu"}'
 */
export function encodeDocumentValue(value: unknown): string {
  checkJson(value, 0, new Set());
  const json = JSON.stringify(value);
  if (Buffer.byteLength(json, 'utf8') > PLUGIN_DOCUMENT_MAX_BYTES) throw new PluginDbError('TOO_LARGE', `a document is at most ${PLUGIN_DOCUMENT_MAX_BYTES} bytes of JSON`);
  return json;
}

/**
 * {@link DocumentListOptions} with defaults applied; throws `INVALID_ARGUMENT` (bad limit) or
 * `INVALID_KEY` (a prefix or cursor that no key could have).
 *
 * @example
 * checkDocumentListOptions({ prefix: 'job:' }); // { prefix: 'job:', limit: 100, cursor: null }
 */
export function checkDocumentListOptions(options: DocumentListOptions | undefined): { prefix: string; limit: number; cursor: string | null } {
  const given = options ?? {};
  if (typeof given !== 'object') throw new PluginDbError('INVALID_ARGUMENT', 'list options must be an object');
  const limit = given.limit ?? 100;
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new PluginDbError('INVALID_ARGUMENT', 'limit must be a whole number from 1 to 500');
  const prefix = given.prefix ?? '';
  if (prefix !== '') checkDocumentKey(prefix);
  const cursor = given.cursor === undefined ? null : checkDocumentKey(given.cursor);
  return { prefix, limit, cursor };
}

/**
 * Checks one statement and its parameters before they reach a database; throws `INVALID_ARGUMENT`.
 *
 * @example
 * const params = checkSqlCall('SELECT * FROM t WHERE id = $1', [7]); // [7]
 */
export function checkSqlCall(sql: unknown, params: unknown): SqlParam[] {
  if (typeof sql !== 'string' || sql.trim() === '' || sql.length > MAX_SQL_LENGTH) throw new PluginDbError('INVALID_ARGUMENT', `sql must be a non-empty string of at most ${MAX_SQL_LENGTH} characters`);
  if (params === undefined) return [];
  if (!Array.isArray(params) || params.length > MAX_PARAMS) throw new PluginDbError('INVALID_ARGUMENT', `params must be an array of at most ${MAX_PARAMS} values`);
  params.forEach((param: unknown, index) => {
    const ok = param === null || typeof param === 'string' || typeof param === 'boolean' || (typeof param === 'number' && Number.isFinite(param)) || param instanceof Uint8Array;
    // Only the position and the type are named: the value may be PHI.
    if (!ok) throw new PluginDbError('INVALID_ARGUMENT', `parameter $${index + 1} must be a string, finite number, boolean, null or bytes (got ${param === undefined ? 'undefined' : typeof param})`);
  });
  return params as SqlParam[];
}

/** A migration as the host applies it: its statements for one dialect and a checksum of them. */
export interface PlannedMigration {
  id: string;
  statements: string[];
  /** sha256 (hex) of the statements; an applied migration whose checksum changed is refused. */
  checksum: string;
}

/**
 * Checks a migration list and picks each one's statements for `dialect`. Throws `INVALID_ARGUMENT`
 * for a malformed list (bad or repeated id, no statements, a statement that is not a string).
 *
 * @example
 * const plan = planMigrations([{ id: '0001-notes', sql: ['CREATE TABLE notes (id TEXT PRIMARY KEY)'] }], 'sqlite');
 */
export function planMigrations(migrations: unknown, dialect: PluginDbDialect): PlannedMigration[] {
  if (!Array.isArray(migrations)) throw new PluginDbError('INVALID_ARGUMENT', 'migrations must be an array');
  const ids = new Set<string>();
  return migrations.map((migration: PluginSqlMigration, index) => {
    const id: unknown = migration?.id;
    if (typeof id !== 'string' || !MIGRATION_ID.test(id)) throw new PluginDbError('INVALID_ARGUMENT', `migration #${index + 1}: id must be 1-100 letters, digits, ".", "_" or "-"`);
    if (ids.has(id)) throw new PluginDbError('INVALID_ARGUMENT', `migration ${id} is listed twice`);
    ids.add(id);
    const sql: unknown = migration.sql;
    const chosen: unknown = Array.isArray(sql) ? sql : typeof sql === 'object' && sql !== null ? (sql as Record<string, unknown>)[dialect] : undefined;
    if (!Array.isArray(chosen) || chosen.length === 0 || !chosen.every((statement) => typeof statement === 'string' && statement.trim() !== '')) {
      throw new PluginDbError('INVALID_ARGUMENT', `migration ${id}: sql must be a non-empty list of statements (or one list per dialect, with ${dialect})`);
    }
    const statements = chosen as string[];
    return { id, statements, checksum: createHash('sha256').update(JSON.stringify(statements)).digest('hex') };
  });
}
