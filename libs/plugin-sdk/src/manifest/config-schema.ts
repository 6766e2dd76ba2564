import Ajv from 'ajv';
import { describeSchemaErrors } from '@faxbot/plugin-packages';

/** Outcome of checking one configuration against a plugin's schema. */
export type ConfigCheck<T> = { ok: true; config: T } | { ok: false; errors: string[] };

/** A compiled configuration schema. */
export interface ConfigSchemaChecker<T = Record<string, unknown>> {
  /** Validates a copy of `input`, filling in schema defaults; `input` itself is not changed. */
  check(input: unknown): ConfigCheck<T>;
  /** Top-level fields marked `"writeOnly": true` (secrets the host never returns). */
  secretFields: string[];
  /** Main environment variable name per field: `"x-env"`, or the first name when it is a list. */
  envFields: Record<string, string>;
  /**
   * Every environment variable per field, in precedence order (`"x-env": ["SINCH_API_KEY",
   * "PHAXIO_API_KEY"]` lets an old fallback name keep working); the first one set wins.
   */
  envVariables: Record<string, string[]>;
}

/** The environment variable names of one `x-env` value, or none when it is malformed. */
function envNames(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((name) => typeof name === 'string')) return value as string[];
  return [];
}

function createConfigAjv(): Ajv {
  const ajv = new Ajv({ strict: true, allErrors: true, useDefaults: true, coerceTypes: false });
  ajv.addKeyword({
    keyword: 'x-env',
    schemaType: ['string', 'array'],
    metaSchema: { anyOf: [{ type: 'string', minLength: 1 }, { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } }] },
  });
  ajv.addKeyword({ keyword: 'x-ui', schemaType: 'object' });
  return ajv;
}

/**
 * Compiles a plugin's `configSchema` (strict JSON Schema draft-07; the extra keywords `x-env` and
 * `x-ui` are allowed). Throws when the schema itself is invalid.
 *
 * @example
 * const checker = compileConfigSchema(manifest.configSchema ?? {});
 * const result = checker.check({ deliveryDelayMs: 10 });
 */
export function compileConfigSchema<T = Record<string, unknown>>(schema: Record<string, unknown>): ConfigSchemaChecker<T> {
  const validate = createConfigAjv().compile(schema);
  const properties = (schema['properties'] ?? {}) as Record<string, Record<string, unknown>>;
  const secretFields = Object.keys(properties).filter((name) => properties[name]?.['writeOnly'] === true);
  const envFields: Record<string, string> = {};
  const envVariables: Record<string, string[]> = {};
  for (const [name, property] of Object.entries(properties)) {
    const names = envNames(property?.['x-env']);
    if (names.length === 0) continue;
    envFields[name] = names[0] as string;
    envVariables[name] = names;
  }
  return {
    secretFields,
    envFields,
    envVariables,
    check(input: unknown): ConfigCheck<T> {
      const copy = input === undefined ? {} : structuredClone(input);
      if (validate(copy)) return { ok: true, config: copy as T };
      return { ok: false, errors: describeSchemaErrors(validate.errors, 'config') };
    },
  };
}
