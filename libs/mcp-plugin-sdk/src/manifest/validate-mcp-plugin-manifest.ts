import Ajv, { type ValidateFunction } from 'ajv';
import { describeSchemaErrors } from '@faxbot/plugin-packages';
import { compileJsonSchema } from './json-schema-checker';
import type { McpPluginManifest } from './mcp-plugin-manifest';
import { MCP_PLUGIN_MANIFEST_SCHEMA } from './mcp-plugin-manifest.schema';

/** Outcome of {@link validateMcpPluginManifest}: the typed manifest, or every reason it is wrong. */
export type McpManifestValidation = { ok: true; manifest: McpPluginManifest } | { ok: false; errors: string[] };

// Compiled on first use, so importing the SDK stays cheap.
let checkManifest: ValidateFunction | null = null;
function manifestChecker(): ValidateFunction {
  checkManifest ??= new Ajv({ strict: true, allErrors: true }).compile(MCP_PLUGIN_MANIFEST_SCHEMA);
  return checkManifest;
}

function schemaProblem(where: string, schema: Record<string, unknown> | undefined): string[] {
  if (schema === undefined) return [];
  try {
    compileJsonSchema(schema);
    return [];
  } catch (error) {
    return [`${where}: not a valid JSON Schema: ${(error as Error).message}`];
  }
}

/**
 * Validates the `faxbot` object of an MCP plugin's `package.json` without running any code: the
 * manifest's shape, unique tool names, and that every tool schema and the config schema compile.
 *
 * @example
 * const result = validateMcpPluginManifest(pkg.faxbot);
 * if (!result.ok) throw new Error(result.errors.join('; '));
 */
export function validateMcpPluginManifest(value: unknown): McpManifestValidation {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, errors: ['faxbot: must be an object'] };
  const check = manifestChecker();
  if (!check(value)) return { ok: false, errors: describeSchemaErrors(check.errors, 'faxbot') };
  const manifest = value as unknown as McpPluginManifest;
  const errors: string[] = [];
  const seen = new Set<string>();
  manifest.tools.forEach((tool, index) => {
    if (seen.has(tool.name)) errors.push(`faxbot.tools.${index}.name: "${tool.name}" is declared twice`);
    seen.add(tool.name);
    errors.push(...schemaProblem(`faxbot.tools.${index}.inputSchema`, tool.inputSchema));
    errors.push(...schemaProblem(`faxbot.tools.${index}.outputSchema`, tool.outputSchema));
  });
  errors.push(...schemaProblem('faxbot.configSchema', manifest.configSchema));
  return errors.length > 0 ? { ok: false, errors } : { ok: true, manifest };
}
