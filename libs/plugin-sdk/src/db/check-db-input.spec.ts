import { PluginDbError } from '../errors/plugin-db-error';
import { checkDocumentKey, checkSqlCall, encodeDocumentValue, planMigrations } from './check-db-input';

const codeOf = (fn: () => unknown): string | null => {
  try {
    fn();
    return null;
  } catch (error) {
    return PluginDbError.is(error) ? error.code : String(error);
  }
};

describe('deps.db input checks', () => {
  it.each([
    ['a key with a space', () => checkDocumentKey('a b'), 'INVALID_KEY'],
    ['a 201-character key', () => checkDocumentKey('k'.repeat(201)), 'INVALID_KEY'],
    ['NaN', () => encodeDocumentValue({ n: Number.NaN }), 'INVALID_VALUE'],
    ['a class instance', () => encodeDocumentValue(new (class Thing {})()), 'INVALID_VALUE'],
    ['a cycle', () => { const a: Record<string, unknown> = {}; a['self'] = a; return encodeDocumentValue(a); }, 'INVALID_VALUE'],
    ['a function parameter', () => checkSqlCall('SELECT $1', [() => 1]), 'INVALID_ARGUMENT'],
    ['empty SQL', () => checkSqlCall('  ', []), 'INVALID_ARGUMENT'],
    ['a repeated migration id', () => planMigrations([{ id: 'a', sql: ['SELECT 1'] }, { id: 'a', sql: ['SELECT 1'] }], 'sqlite'), 'INVALID_ARGUMENT'],
    ['a migration without the dialect', () => planMigrations([{ id: 'a', sql: { sqlite: ['SELECT 1'] } }], 'postgres'), 'INVALID_ARGUMENT'],
  ])('refuses %s', (_name, fn, code) => {
    expect(codeOf(fn)).toBe(code);
  });

  it('accepts plain JSON, including objects without a prototype, and checksums per dialect', () => {
    expect(encodeDocumentValue({ a: [1, 'x', null, true], b: Object.assign(Object.create(null) as object, { c: 1 }) })).toBe('{"a":[1,"x",null,true],"b":{"c":1}}');
    const both = { id: 'x', sql: { sqlite: ['SELECT 1'], postgres: ['SELECT 2'] } };
    expect(planMigrations([both], 'sqlite')[0]!.checksum).not.toBe(planMigrations([both], 'postgres')[0]!.checksum);
    expect(checkSqlCall('SELECT $1, $2', ['a', new Uint8Array([1])])).toHaveLength(2);
  });
});
