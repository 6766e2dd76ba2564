import Ajv from 'ajv';
import { describeSchemaErrors } from '@faxbot/plugin-packages';
import type { JsonSchema } from './mcp-plugin-manifest';

/** Outcome of checking a value: a validated copy with defaults filled in, or every reason it fails. */
export type SchemaCheck<T> = { ok: true; value: T } | { ok: false; errors: string[] };

/** A compiled JSON Schema. */
export interface JsonSchemaChecker<T = Record<string, unknown>> {
  /**
   * Validates a copy of `value` (`undefined` counts as `{}`), filling in schema defaults; `value`
   * itself is not changed. Errors name fields under `root` and never quote the value.
   */
  check(value: unknown): SchemaCheck<T>;
}

function createAjv(): Ajv {
  // strict: typos in a schema (`"requried"`) fail when the manifest is validated, not silently.
  // `format` is an annotation only: checking it would need a formats plugin both sides agree on.
  return new Ajv({ strict: true, allErrors: true, useDefaults: true, coerceTypes: false, allowUnionTypes: true, strictRequired: false, validateFormats: false });
}

/**
 * Compiles a JSON Schema (draft-07) the way the MCP server does for tool arguments, tool results
 * and plugin configuration. Throws when the schema itself is invalid.
 *
 * @example
 * const args = compileJsonSchema({ type: 'object', required: ['number'], properties: { number: { type: 'string' } } }, 'args');
 * args.check({}); // { ok: false, errors: ['args: missing required field "number"'] }
 */
export function compileJsonSchema<T = Record<string, unknown>>(schema: JsonSchema, root = 'value'): JsonSchemaChecker<T> {
  const validate = createAjv().compile(schema);
  return {
    check(value: unknown): SchemaCheck<T> {
      const copy: unknown = value === undefined ? {} : structuredClone(value);
      if (validate(copy)) return { ok: true, value: copy as T };
      return { ok: false, errors: describeSchemaErrors(validate.errors, root) };
    },
  };
}
