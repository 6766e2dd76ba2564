import { readdir, readFile, realpath } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { loadPluginManifest, resolveInsidePackage } from '@faxbot/plugin-sdk';
import type { DiscoveredPlugin } from './plugin-state';

async function readFaxbotKey(dir: string): Promise<{ name: string; kind: unknown } | null> {
  try {
    const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as { name?: unknown; faxbot?: unknown };
    if (pkg.faxbot === undefined) return null;
    const kind = typeof pkg.faxbot === 'object' && pkg.faxbot !== null ? (pkg.faxbot as Record<string, unknown>)['kind'] : undefined;
    return { name: typeof pkg.name === 'string' ? pkg.name : dir, kind };
  } catch {
    return null;
  }
}

const visible = (path: string): boolean => !path.slice(path.lastIndexOf(sep) + 1).startsWith('.');

async function listDirs(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries.filter((entry) => entry.isDirectory() || entry.isSymbolicLink()).map((entry) => join(dir, entry.name)).filter(visible);
  } catch {
    return [];
  }
}

/** Package folders in a node_modules-like folder: one level, plus one more inside `@scope` folders. */
async function candidateDirs(root: string): Promise<string[]> {
  const found: string[] = [];
  for (const dir of await listDirs(root)) {
    if (dir.slice(dir.lastIndexOf(sep) + 1).startsWith('@')) found.push(...(await listDirs(dir)));
    else found.push(dir);
  }
  return found;
}

async function inspect(dir: string, packageName: string): Promise<DiscoveredPlugin> {
  const loaded = await loadPluginManifest(dir);
  const version = loaded.pkg?.version ?? '0.0.0';
  if (!loaded.ok) {
    return { id: loaded.id ?? packageName, packageName, version, dir, manifest: null, pkg: loaded.pkg, state: 'invalid', reason: loaded.errors.join('; ') };
  }
  const { manifest, pkg } = loaded;
  const base = { id: manifest.id, packageName, version, dir, manifest, pkg };
  try {
    await resolveInsidePackage(dir, manifest.entry);
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    return { ...base, state: 'invalid', reason: missing ? `entry ${manifest.entry} does not exist (is the package built?)` : 'entry resolves outside the package' };
  }
  return { ...base, state: 'discovered', reason: null };
}

/**
 * Finds plugin packages without running any of their code: reads `package.json` in each package
 * folder of the given roots (node_modules-like folders; a root that is itself a plugin package
 * counts too), keeps those with a `faxbot` key for this host's `kind`, and validates the manifest.
 * The first package with a given id wins; later ones are reported as duplicates.
 */
export async function discoverPlugins(roots: string[], kind: 'backend' | 'mcp' = 'backend'): Promise<DiscoveredPlugin[]> {
  const seenDirs = new Set<string>();
  const byId = new Map<string, DiscoveredPlugin>();
  const results: DiscoveredPlugin[] = [];
  for (const root of roots) {
    const dirs = (await readFaxbotKey(root)) !== null ? [root] : await candidateDirs(root);
    for (const candidate of dirs) {
      const dir = await realpath(candidate).catch(() => null);
      if (dir === null || seenDirs.has(dir)) continue;
      seenDirs.add(dir);
      const key = await readFaxbotKey(dir);
      // The other host's plugins are not ours to judge.
      if (key === null || (key.kind !== kind && (key.kind === 'mcp' || key.kind === 'backend'))) continue;
      const plugin = await inspect(dir, key.name);
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
