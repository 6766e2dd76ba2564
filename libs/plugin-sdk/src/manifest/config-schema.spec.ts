import { compileConfigSchema } from './config-schema';

const schema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    apiKey: { type: 'string', writeOnly: true, 'x-env': 'ACME_API_KEY' },
    delayMs: { type: 'integer', minimum: 0, default: 250, 'x-env': 'ACME_DELAY_MS' },
  },
  required: ['apiKey'],
};

describe('compileConfigSchema', () => {
  const checker = compileConfigSchema(schema);

  it('fills defaults into a copy and leaves the input alone', () => {
    const input = { apiKey: 'k' };
    const result = checker.check(input);
    expect(result).toEqual({ ok: true, config: { apiKey: 'k', delayMs: 250 } });
    expect(input).toEqual({ apiKey: 'k' });
  });

  it('reports secret and environment fields from the schema', () => {
    expect(checker.secretFields).toEqual(['apiKey']);
    expect(checker.envFields).toEqual({ apiKey: 'ACME_API_KEY', delayMs: 'ACME_DELAY_MS' });
    expect(checker.envVariables).toEqual({ apiKey: ['ACME_API_KEY'], delayMs: ['ACME_DELAY_MS'] });
  });

  it('accepts a list of environment variables, the first being the main one', () => {
    const listed = compileConfigSchema({ type: 'object', properties: { key: { type: 'string', 'x-env': ['NEW_KEY', 'OLD_KEY'] } } });
    expect(listed.envFields).toEqual({ key: 'NEW_KEY' });
    expect(listed.envVariables).toEqual({ key: ['NEW_KEY', 'OLD_KEY'] });
  });

  it.each([[[]], [['']], [[3]], [{ name: 'X' }]])('refuses a schema whose x-env is %j', (value) => {
    expect(() => compileConfigSchema({ type: 'object', properties: { key: { type: 'string', 'x-env': value } } })).toThrow();
  });

  it.each([
    [{}, 'missing required field "apiKey"'],
    [{ apiKey: 'k', delayMs: -1 }, 'config.delayMs'],
    [{ apiKey: 'k', extra: 1 }, 'unknown field "extra"'],
  ])('refuses %j', (input, reason) => {
    const result = checker.check(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.join('; ')).toContain(reason);
  });

  it('throws on a schema that is not valid JSON Schema', () => {
    expect(() => compileConfigSchema({ type: 'object', properties: { a: { minimum: 'x' } } })).toThrow();
  });
});
