import { compileConfigSchema, type ConfigCheck, type ResolvedPluginManifest } from '@faxbot/plugin-sdk';

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
 * Builds a plugin instance's configuration: schema defaults, overridden by environment variables
 * that fields name with `x-env` (this keeps the original Faxbot's variable names working), then
 * validated against the manifest's schema. The config store of later versions slots in between.
 */
export function resolvePluginConfig(manifest: ResolvedPluginManifest, env: Readonly<Record<string, string | undefined>>): ConfigCheck<Record<string, unknown>> {
  const schema = manifest.configSchema ?? { type: 'object' };
  const checker = compileConfigSchema(schema);
  const properties = (schema['properties'] ?? {}) as Record<string, Record<string, unknown>>;
  const input: Record<string, unknown> = {};
  for (const [field, variable] of Object.entries(checker.envFields)) {
    const raw = env[variable];
    // An empty variable counts as unset, so the schema default applies.
    if (raw !== undefined && raw.trim() !== '') input[field] = coerce(raw, properties[field]);
  }
  return checker.check(input);
}
