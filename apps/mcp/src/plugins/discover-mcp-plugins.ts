import { readdir, readFile, realpath } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { loadMcpPluginManifest, resolveInsidePackage, type McpPluginManifest } from '@faxbot/mcp-plugin-sdk';

/** An MCP plugin package found on disk; nothing of it has run. */
export interface DiscoveredMcpPlugin {
  /** Manifest id (for an unreadable manifest, the package name). */
  id: string;
  packageName: string;
  version: string;
  /** Real path of the package folder. */
  dir: string;
  manifest: McpPluginManifest | null;
  state: 'discovered' | 'invalid';
  reason: string | null;
}

async function mcpPackageName(dir: string): Promise<string | null> {
  try {
    const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as { name?: unknown; faxbot?: { kind?: unknown } };
    if (typeof pkg.faxbot !== 'object' || pkg.faxbot === null || pkg.faxbot.kind !== 'mcp') return null;
    return typeof pkg.name === 'string' ? pkg.name : dir;
  } catch {
    return null;
  }
}

async function subfolders(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => (entry.isDirectory() || entry.isSymbolicLink()) && !entry.name.startsWith('.')).map((entry) => join(dir, entry.name));
}

/** Package folders of a node_modules-like folder: one level, and one more inside `@scope` folders. */
async function packageFolders(root: string): Promise<string[]> {
  const found: string[] = [];
  for (const dir of await subfolders(root)) {
    if (basename(dir).startsWith('@')) found.push(...(await subfolders(dir)));
    else found.push(dir);
  }
  return found;
}

async function inspect(dir: string, packageName: string): Promise<DiscoveredMcpPlugin> {
  const loaded = await loadMcpPluginManifest(dir);
  const version = loaded.pkg?.version ?? '0.0.0';
  if (!loaded.ok) return { id: loaded.id ?? packageName, packageName, version, dir, manifest: null, state: 'invalid', reason: loaded.errors.join('; ') };
  const base = { id: loaded.manifest.id, packageName, version, dir, manifest: loaded.manifest };
  try {
    await resolveInsidePackage(dir, loaded.manifest.entry);
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    return { ...base, state: 'invalid', reason: missing ? `entry ${loaded.manifest.entry} does not exist (is the package built?)` : 'entry resolves outside the package' };
  }
  return { ...base, state: 'discovered', reason: null };
}

/**
 * Finds MCP plugin packages without running their code: every package in the given roots
 * (node_modules-like folders, or a plugin package folder itself) whose `package.json` has a
 * `faxbot` key with `kind: "mcp"`, with its manifest validated. Backend plugins are skipped. The
 * first package with an id wins; later ones are reported as duplicates.
 */
export async function discoverMcpPlugins(roots: readonly string[]): Promise<DiscoveredMcpPlugin[]> {
  const seen = new Set<string>();
  const byId = new Map<string, DiscoveredMcpPlugin>();
  const results: DiscoveredMcpPlugin[] = [];
  for (const root of roots) {
    const candidates = (await mcpPackageName(root)) !== null ? [root] : await packageFolders(root);
    for (const candidate of candidates) {
      const dir = await realpath(candidate).catch(() => null);
      if (dir === null || seen.has(dir)) continue;
      seen.add(dir);
      const packageName = await mcpPackageName(dir);
      if (packageName === null) continue;
      const plugin = await inspect(dir, packageName);
      const first = byId.get(plugin.id);
      if (first !== undefined) {
        results.push({ ...plugin, state: 'invalid', reason: `duplicate plugin id "${plugin.id}" (already provided by ${first.packageName})` });
        continue;
      }
      byId.set(plugin.id, plugin);
      results.push(plugin);
    }
  }
  return results;
}
