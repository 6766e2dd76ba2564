import Ajv, { type ValidateFunction } from 'ajv';
import { describeSchemaErrors } from '@faxbot/plugin-packages';
import type { PluginManifest } from './plugin-manifest';
import { PLUGIN_MANIFEST_SCHEMA } from './plugin-manifest.schema';
import { compileConfigSchema } from './config-schema';

/** Outcome of {@link validateManifest}: the typed manifest, or readable reasons. */
export type ManifestValidation = { ok: true; manifest: PluginManifest } | { ok: false; errors: string[] };

// Compiled on first use, not at import: importing the SDK stays cheap (an isolated plugin's
// worker imports it on every start).
let checkManifest: ValidateFunction | null = null;
function manifestChecker(): ValidateFunction {
  checkManifest ??= new Ajv({ strict: true, allErrors: true }).compile(PLUGIN_MANIFEST_SCHEMA);
  return checkManifest;
}

/**
 * Validates a `faxbot` manifest object (as read from `package.json`) without importing any code.
 * Also checks that an embedded `configSchema` is itself a valid JSON Schema.
 *
 * @example
 * const result = validateManifest(pkg.faxbot);
 * if (!result.ok) console.error(result.errors.join('; '));
 */
export function validateManifest(value: unknown): ManifestValidation {
  if (value === undefined || value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, errors: ['faxbot: must be an object'] };
  }
  const check = manifestChecker();
  if (!check(value)) {
    return { ok: false, errors: describeSchemaErrors(check.errors, 'faxbot') };
  }
  const manifest = value as unknown as PluginManifest;
  if (typeof manifest.configSchema === 'object') {
    try {
      compileConfigSchema(manifest.configSchema);
    } catch (error) {
      return { ok: false, errors: [`faxbot.configSchema: ${(error as Error).message}`] };
    }
  }
  return { ok: true, manifest };
}
