import { readFile, realpath } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
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
 * Resolves `path` inside `packageDir` and refuses anything that ends up outside it (symlinks
 * included). Rejects with `ENOENT` when the file does not exist.
 *
 * @example
 * const entry = await resolveInsidePackage(dir, manifest.entry); // '/…/node_modules/x/dist/index.js'
 */
export async function resolveInsidePackage(packageDir: string, path: string): Promise<string> {
  const root = await realpath(packageDir);
  const target = await realpath(resolve(root, path));
  const inside = relative(root, target);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) throw new Error(`${path} resolves outside the package`);
  return target;
}

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
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(await readFile(join(packageDir, 'package.json'), 'utf8')) as Record<string, unknown>;
  } catch (error) {
    return { ok: false, errors: [`package.json: ${(error as Error).message}`], pkg: null, id: null };
  }
  const pkg: McpPluginPackageInfo = {
    name: typeof raw['name'] === 'string' ? raw['name'] : packageDir,
    version: typeof raw['version'] === 'string' ? raw['version'] : '0.0.0',
  };
  const faxbot = raw['faxbot'] as Record<string, unknown> | undefined;
  const id = typeof faxbot?.['id'] === 'string' ? faxbot['id'] : null;
  const validation = validateMcpPluginManifest(faxbot);
  if (!validation.ok) return { ok: false, errors: validation.errors, pkg, id };
  const { manifest } = validation;
  if (manifest.version !== undefined && manifest.version !== pkg.version) {
    return { ok: false, errors: [`faxbot.version ${manifest.version} differs from the package version ${pkg.version}`], pkg, id };
  }
  return { ok: true, manifest, pkg };
}
