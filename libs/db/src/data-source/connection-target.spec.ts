import { resolve } from 'node:path';
import { toConnectionTarget } from './connection-target';

describe('toConnectionTarget', () => {
  it('resolves a relative sqlitePath against the working directory', () => {
    expect(toConnectionTarget({ sqlitePath: 'fax.db' })).toEqual({ kind: 'sqlite', path: resolve('fax.db') });
  });

  it('keeps :memory: as is', () => {
    expect(toConnectionTarget({ sqlitePath: ':memory:' })).toEqual({ kind: 'sqlite', path: ':memory:' });
  });

  it('prefers url over sqlitePath', () => {
    expect(toConnectionTarget({ url: 'sqlite://:memory:', sqlitePath: 'ignored.db' })).toEqual({ kind: 'sqlite', path: ':memory:' });
  });

  it('defaults the PostgreSQL pool to 10 connections and no schema', () => {
    expect(toConnectionTarget({ url: 'postgres://db/fax' })).toEqual({
      kind: 'postgres',
      url: 'postgresql://db/fax',
      schema: undefined,
      poolSize: 10,
    });
  });

  it('passes a schema and pool size through', () => {
    expect(toConnectionTarget({ url: 'postgres://db/fax', postgresSchema: 'tenant_1', poolSize: 3 })).toMatchObject({
      schema: 'tenant_1',
      poolSize: 3,
    });
  });

  it.each([
    ['neither url nor sqlitePath', {}],
    ['a schema that is not a plain identifier', { url: 'postgres://db/fax', postgresSchema: 'x"; DROP SCHEMA public; --' }],
    ['a schema starting with a digit', { url: 'postgres://db/fax', postgresSchema: '1abc' }],
    ['a pool size of 0', { url: 'postgres://db/fax', poolSize: 0 }],
    ['a fractional pool size', { url: 'postgres://db/fax', poolSize: 2.5 }],
  ])('rejects %s with CONFIG_INVALID', (_case, options) => {
    expect(() => toConnectionTarget(options)).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });
});
