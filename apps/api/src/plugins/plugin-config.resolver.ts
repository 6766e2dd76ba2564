import { compileConfigSchema, type ConfigCheck, type ResolvedPluginManifest } from '@faxbot/plugin-sdk';

/** Where a field's effective value came from. */
export type FieldSource = 'default' | 'store' | 'env';

/** An instance's effective configuration and its provenance. */
export interface ResolvedPluginConfig {
  check: ConfigCheck<Record<string, unknown>>;
  /** Fields set by environment variables: they win over the store and are shown as locked. */
  locked: string[];
  sources: Record<string, FieldSource>;
}

// Environment values are text; turn them into the schema's type only when the text is an exact
// match, so a typo like "flase" reaches the schema check and is refused with the field's name.
function coerce(raw: string, schema: Record<string, unknown> | undefined): unknown {
  const text = raw.trim();
  switch (schema?.['type']) {
    case 'integer':
    case 'number':
      return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : raw;
    case 'boolean':
      if (['1', 'true', 'yes', 'on'].includes(text.toLowerCase())) return true;
      if (['0', 'false', 'no', 'off'].includes(text.toLowerCase())) return false;
      return raw;
    default:
      return raw;
  }
}

/**
 * Builds a plugin instance's configuration with the precedence defaults < stored settings <
 * environment variables named by `x-env` (the first one set, when it lists several; this keeps the original Faxbot's variable names
 * working), then validates it against the manifest's schema.
 */
export function resolvePluginConfig(
  manifest: ResolvedPluginManifest,
  env: Readonly<Record<string, string | undefined>>,
  stored: Readonly<Record<string, unknown>> = {},
): ResolvedPluginConfig {
  const schema = manifest.configSchema ?? { type: 'object' };
  const checker = compileConfigSchema(schema);
  const properties = (schema['properties'] ?? {}) as Record<string, Record<string, unknown>>;
  const input: Record<string, unknown> = {};
  const sources: Record<string, FieldSource> = {};
  for (const [field, value] of Object.entries(stored)) {
    if (value === undefined || value === null) continue;
    input[field] = value;
    sources[field] = 'store';
  }
  const locked: string[] = [];
  for (const [field, variables] of Object.entries(checker.envVariables)) {
    // An empty variable counts as unset, so the next name, the store or the schema default applies.
    const raw = variables.map((variable) => env[variable]).find((value) => value !== undefined && value.trim() !== '');
    if (raw === undefined) continue;
    input[field] = coerce(raw, properties[field]);
    sources[field] = 'env';
    locked.push(field);
  }
  const check = checker.check(input);
  if (check.ok) for (const field of Object.keys(check.config)) sources[field] ??= 'default';
  return { check, locked, sources };
}
