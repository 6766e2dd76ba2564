import { compileJsonSchema } from './json-schema-checker';

const SCHEMA = {
  type: 'object',
  required: ['number'],
  additionalProperties: false,
  properties: { number: { type: 'string', maxLength: 40 }, country: { type: 'string', default: '1' }, note: { type: ['string', 'null'], format: 'email' } },
};

describe('compileJsonSchema', () => {
  it('returns a copy with defaults and leaves the input alone', () => {
    const input = { number: '5551234567' };
    expect(compileJsonSchema(SCHEMA).check(input)).toEqual({ ok: true, value: { number: '5551234567', country: '1' } });
    expect(input).toEqual({ number: '5551234567' });
  });

  it('treats undefined as an empty object', () => {
    expect(compileJsonSchema({ type: 'object', properties: { a: { type: 'integer', default: 2 } } }).check(undefined)).toEqual({ ok: true, value: { a: 2 } });
  });

  it('names every failing field under the root without quoting the value', () => {
    const result = compileJsonSchema(SCHEMA, 'args').check({ number: 5551234567, extra: '+15551234567' });
    expect(result).toEqual({ ok: false, errors: ['args: unknown field "extra"', 'args.number: must be string'] });
    expect(JSON.stringify(result)).not.toContain('5551234567');
  });

  it('reports a missing required field', () => {
    expect(compileJsonSchema(SCHEMA, 'args').check({})).toEqual({ ok: false, errors: ['args: missing required field "number"'] });
  });

  it('treats format as an annotation', () => {
    expect(compileJsonSchema(SCHEMA).check({ number: '1', note: 'not an address' }).ok).toBe(true);
  });

  it('throws for a schema that does not compile', () => {
    expect(() => compileJsonSchema({ type: 'object', properties: { a: { type: 'strng' } } })).toThrow();
  });
});
