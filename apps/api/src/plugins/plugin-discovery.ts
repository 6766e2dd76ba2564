import { entryProblem, findPluginPackages, keepFirstById } from '@faxbot/plugin-packages';
import { loadPluginManifest } from '@faxbot/plugin-sdk';
import type { DiscoveredPlugin } from './plugin-state';

async function inspect(dir: string, packageName: string): Promise<DiscoveredPlugin> {
  const loaded = await loadPluginManifest(dir);
  const version = loaded.pkg?.version ?? '0.0.0';
  if (!loaded.ok) {
    return { id: loaded.id ?? packageName, packageName, version, dir, manifest: null, pkg: loaded.pkg, state: 'invalid', reason: loaded.errors.join('; ') };
  }
  const { manifest, pkg } = loaded;
  const problem = await entryProblem(dir, manifest.entry);
  return { id: manifest.id, packageName, version, dir, manifest, pkg, state: problem === null ? 'discovered' : 'invalid', reason: problem };
}

/**
 * Finds plugin packages without running any of their code: reads `package.json` in each package
 * folder of the given roots (node_modules-like folders; a root that is itself a plugin package
 * counts too), keeps those with a `faxbot` key for this host's `kind`, and validates the manifest.
 * The first package with a given id wins; later ones are reported as duplicates.
 */
export async function discoverPlugins(roots: string[], kind: 'backend' | 'mcp' = 'backend'): Promise<DiscoveredPlugin[]> {
  const plugins: DiscoveredPlugin[] = [];
  for (const candidate of await findPluginPackages(roots)) {
    // The other host's plugins are not ours to judge.
    if (candidate.kind !== kind && (candidate.kind === 'mcp' || candidate.kind === 'backend')) continue;
    plugins.push(await inspect(candidate.dir, candidate.name));
  }
  return keepFirstById(plugins);
}
