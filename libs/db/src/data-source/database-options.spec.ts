import { join, resolve } from 'node:path';
import { resolveDatabaseOptions } from './database-options';

describe('resolveDatabaseOptions', () => {
  const dataDir = '/var/lib/faxbot';

  it.each([
    ['unset', undefined, { sqlitePath: join(dataDir, 'faxbot.db') }],
    ['empty', '  ', { sqlitePath: join(dataDir, 'faxbot.db') }],
    ['postgres://', 'postgres://fax:pw@db:5432/fax', { url: 'postgresql://fax:pw@db:5432/fax' }],
    ['postgresql://', 'postgresql://db/fax?sslmode=require', { url: 'postgresql://db/fax?sslmode=require' }],
    ['a SQLAlchemy driver suffix', 'postgresql+psycopg2://db/fax', { url: 'postgresql://db/fax' }],
    ['a relative SQLite URL', 'sqlite:///./faxbot.db', { sqlitePath: resolve('faxbot.db') }],
    ['a nested relative SQLite URL', 'sqlite:///data/fax.db', { sqlitePath: resolve('data', 'fax.db') }],
    ['an absolute SQLite URL', 'sqlite:////srv/faxbot/fax.db', { sqlitePath: '/srv/faxbot/fax.db' }],
    ['sqlite://:memory:', 'sqlite://:memory:', { sqlitePath: ':memory:' }],
    ['sqlite:///:memory:', 'sqlite:///:memory:', { sqlitePath: ':memory:' }],
    ['sqlite://', 'sqlite://', { sqlitePath: ':memory:' }],
  ])('maps DATABASE_URL %s', (_case, url, expected) => {
    expect(resolveDatabaseOptions({ DATABASE_URL: url }, dataDir)).toEqual(expected);
  });

  it.each([
    ['an unsupported scheme', 'mysql://fax:s3cret@db/fax'],
    ['a SQLite URL with a host', 'sqlite://faxbot.db'],
    ['a SQLite URL without a path', 'sqlite:///'],
    ['a SQLite URL with query parameters', 'sqlite:///fax.db?mode=ro'],
    ['no URL at all', 'faxbot.db'],
  ])('rejects %s with CONFIG_INVALID, without echoing the URL', (_case, url) => {
    let caught: unknown;
    try {
      resolveDatabaseOptions({ DATABASE_URL: url }, dataDir);
    } catch (error) {
      caught = error;
    }

    expect(caught).toMatchObject({ name: 'DatabaseError', code: 'CONFIG_INVALID' });
    expect((caught as Error).message).not.toContain('s3cret');
  });
});
