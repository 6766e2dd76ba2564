import { isAbsolute, resolve } from 'node:path';
import { DatabaseError } from '../errors/database-error';
import type { DatabaseOptions } from './database-options';

/** A fully resolved place to connect to; what {@link DatabaseOptions} means once validated. */
export type ConnectionTarget =
  | { kind: 'sqlite'; path: string }
  | { kind: 'postgres'; url: string; schema: string | undefined; poolSize: number };

type ParsedUrl = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

const MEMORY = ':memory:';
const DEFAULT_POOL_SIZE = 10;
// Identifiers cannot be bound as parameters, so the schema name is restricted to a safe alphabet.
const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;
const URL_SCHEME = /^([a-z][a-z0-9]*)(\+[a-z0-9]+)?:\/\//i;

/**
 * Parses a SQLAlchemy-style database URL. Relative SQLite paths resolve against `cwd`. Error messages
 * mention only the scheme, because the rest of a URL can hold a password.
 */
export function parseDatabaseUrl(url: string, cwd: string = process.cwd()): ParsedUrl {
  const match = URL_SCHEME.exec(url);
  const scheme = match?.[1]?.toLowerCase();
  const rest = match ? url.slice(match[0].length) : '';
  if (scheme === 'postgres' || scheme === 'postgresql') return { kind: 'postgres', url: `postgresql://${rest}` };
  if (scheme !== 'sqlite') {
    const shown = scheme ?? '(none)';
    throw new DatabaseError('CONFIG_INVALID', `unsupported database URL scheme ${shown}; use postgresql:// or sqlite:///`);
  }
  if (rest === '' || rest === MEMORY || rest === `/${MEMORY}`) return { kind: 'sqlite', path: MEMORY };
  if (!rest.startsWith('/') || rest.length === 1 || rest.includes('?')) {
    throw new DatabaseError('CONFIG_INVALID', 'a SQLite URL must look like sqlite:///relative.db or sqlite:////absolute.db');
  }
  const path = rest.slice(1);
  return { kind: 'sqlite', path: isAbsolute(path) ? path : resolve(cwd, path) };
}

/** Validates {@link DatabaseOptions} and resolves them to one {@link ConnectionTarget}. */
export function toConnectionTarget(options: DatabaseOptions): ConnectionTarget {
  if (options.url !== undefined) {
    const parsed = parseDatabaseUrl(options.url);
    if (parsed.kind === 'sqlite') return parsed;
    return { ...parsed, schema: checkSchema(options.postgresSchema), poolSize: checkPoolSize(options.poolSize) };
  }
  if (!options.sqlitePath) throw new DatabaseError('CONFIG_INVALID', 'set either url or sqlitePath');
  const path = options.sqlitePath === MEMORY ? MEMORY : resolve(options.sqlitePath);
  return { kind: 'sqlite', path };
}

function checkSchema(schema: string | undefined): string | undefined {
  if (schema === undefined || SCHEMA_NAME.test(schema)) return schema;
  throw new DatabaseError('CONFIG_INVALID', 'postgresSchema must be a plain identifier (letters, digits, underscore)');
}

function checkPoolSize(poolSize: number | undefined): number {
  if (poolSize === undefined) return DEFAULT_POOL_SIZE;
  if (Number.isInteger(poolSize) && poolSize > 0) return poolSize;
  throw new DatabaseError('CONFIG_INVALID', 'poolSize must be a positive integer');
}
