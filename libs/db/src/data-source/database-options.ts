import { join } from 'node:path';
import { parseDatabaseUrl } from './connection-target';

/** Where and how to open the Faxbot database; see {@link resolveDatabaseOptions} for the usual source. */
export interface DatabaseOptions {
  /**
   * `postgres://…` or `postgresql://…` selects PostgreSQL. `sqlite:///relative/or/abs.db` (three slashes
   * and a path relative to the working directory, four for an absolute path) or `sqlite://:memory:`
   * selects SQLite; these are the SQLAlchemy-style URLs the original Faxbot used, and a `+driver` suffix
   * such as `postgresql+psycopg2://` is accepted and ignored.
   */
  url?: string;
  /** SQLite file used when `url` is undefined; `:memory:` for a private in-memory database. */
  sqlitePath?: string;
  /** PostgreSQL only: schema to create if missing and use as search_path (tests use a unique one). */
  postgresSchema?: string;
  /** Max pool size for PostgreSQL (default 10). */
  poolSize?: number;
}

/** Which engine a {@link Database} runs on. */
export type DatabaseKind = 'sqlite' | 'postgres';

/**
 * Turns the `DATABASE_URL` setting into {@link DatabaseOptions}. Without a URL the database is the SQLite
 * file `<dataDir>/faxbot.db`. A SQLite URL is resolved against the current working directory now, at
 * boot, the way SQLAlchemy does, so a later `chdir` cannot move the database. Throws a `DatabaseError`
 * with code `CONFIG_INVALID` for unsupported URLs, so a typo fails at startup rather than on first use.
 *
 * @example
 * const options = resolveDatabaseOptions({ DATABASE_URL: process.env.DATABASE_URL }, '/var/lib/faxbot');
 */
export function resolveDatabaseOptions(env: { DATABASE_URL?: string }, dataDir: string): DatabaseOptions {
  const url = env.DATABASE_URL?.trim();
  if (!url) return { sqlitePath: join(dataDir, 'faxbot.db') };
  const parsed = parseDatabaseUrl(url);
  return parsed.kind === 'sqlite' ? { sqlitePath: parsed.path } : { url: parsed.url };
}
