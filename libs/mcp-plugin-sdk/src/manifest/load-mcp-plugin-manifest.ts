import { manifestVersionProblem, readPluginPackageJson } from '@faxbot/plugin-packages';
import type { McpPluginManifest } from './mcp-plugin-manifest';
import { validateMcpPluginManifest } from './validate-mcp-plugin-manifest';

/** The npm name and version of a plugin package. */
export interface McpPluginPackageInfo {
  name: string;
  version: string;
}

/** Outcome of {@link loadMcpPluginManifest}. */
export type LoadedMcpPluginManifest =
  | { ok: true; manifest: McpPluginManifest; pkg: McpPluginPackageInfo }
  | { ok: false; errors: string[]; pkg: McpPluginPackageInfo | null; id: string | null };

/**
 * Reads an MCP plugin package's `package.json` and validates its `faxbot` manifest — the static
 * tool catalogue included — without importing any plugin code. The MCP server runs exactly this
 * at discovery; plugin authors can run it in their tests.
 *
 * @example
 * const loaded = await loadMcpPluginManifest(join(__dirname, '..'));
 * expect(loaded.ok).toBe(true);
 */
export async function loadMcpPluginManifest(packageDir: string): Promise<LoadedMcpPluginManifest> {
  const read = await readPluginPackageJson(packageDir);
  if (!read.ok) return { ok: false, errors: [read.error], pkg: null, id: null };
  const { name, version, faxbot, id } = read.pkg;
  const pkg: McpPluginPackageInfo = { name, version };
  const validation = validateMcpPluginManifest(faxbot);
  if (!validation.ok) return { ok: false, errors: validation.errors, pkg, id };
  const { manifest } = validation;
  const versionProblem = manifestVersionProblem(manifest.version, pkg.version);
  if (versionProblem !== null) return { ok: false, errors: [versionProblem], pkg, id };
  return { ok: true, manifest, pkg };
}
