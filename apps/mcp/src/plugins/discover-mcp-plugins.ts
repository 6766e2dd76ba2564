import { loadMcpPluginManifest, type McpPluginManifest } from '@faxbot/mcp-plugin-sdk';
import { entryProblem, findPluginPackages, keepFirstById } from '@faxbot/plugin-packages';

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

async function inspect(dir: string, packageName: string): Promise<DiscoveredMcpPlugin> {
  const loaded = await loadMcpPluginManifest(dir);
  const version = loaded.pkg?.version ?? '0.0.0';
  if (!loaded.ok) return { id: loaded.id ?? packageName, packageName, version, dir, manifest: null, state: 'invalid', reason: loaded.errors.join('; ') };
  const problem = await entryProblem(dir, loaded.manifest.entry);
  return { id: loaded.manifest.id, packageName, version, dir, manifest: loaded.manifest, state: problem === null ? 'discovered' : 'invalid', reason: problem };
}

/**
 * Finds MCP plugin packages without running their code: every package in the given roots
 * (node_modules-like folders, or a plugin package folder itself) whose `package.json` has a
 * `faxbot` key with `kind: "mcp"`, with its manifest validated. Backend plugins are skipped. The
 * first package with an id wins; later ones are reported as duplicates.
 */
export async function discoverMcpPlugins(roots: readonly string[]): Promise<DiscoveredMcpPlugin[]> {
  const plugins: DiscoveredMcpPlugin[] = [];
  for (const candidate of await findPluginPackages(roots)) {
    if (candidate.kind === 'mcp') plugins.push(await inspect(candidate.dir, candidate.name));
  }
  return keepFirstById(plugins);
}
