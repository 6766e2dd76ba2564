import { readdir, readFile, realpath } from 'node:fs/promises';
import { join, relative, resolve, sep, isAbsolute } from 'node:path';
import { validateManifest } from '@faxbot/plugin-sdk';
import type { DiscoveredPlugin } from './plugin-state';

interface PackageJson {
  name?: unknown;
  version?: unknown;
  faxbot?: unknown;
}

async function readPackageJson(dir: string): Promise<PackageJson | null> {
  try {
    return JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as PackageJson;
  } catch {
    return null;
  }
}

async function listDirs(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries.filter((entry) => entry.isDirectory() || entry.isSymbolicLink()).map((entry) => join(dir, entry.name));
  } catch {
    return [];
  }
}

/** Package folders in a node_modules-like folder: one level, plus one more inside `@scope` folders. */
async function candidateDirs(root: string): Promise<string[]> {
  const found: string[] = [];
  for (const dir of await listDirs(root)) {
    const name = dir.slice(dir.lastIndexOf(sep) + 1);
    if (name.startsWith('.')) continue;
    if (name.startsWith('@')) found.push(...(await listDirs(dir)).filter((scoped) => !scoped.slice(scoped.lastIndexOf(sep) + 1).startsWith('.')));
    else found.push(dir);
  }
  return found;
}

function isInside(parent: string, child: string): boolean {
  const path = relative(parent, child);
  return path !== '' && !path.startsWith('..') && !isAbsolute(path);
}

async function inspect(dir: string, pkg: PackageJson, kind: 'backend' | 'mcp'): Promise<DiscoveredPlugin | null> {
  const raw = pkg.faxbot as Record<string, unknown>;
  // The other host's plugins are not ours to judge.
  if (typeof raw === 'object' && raw !== null && raw['kind'] !== undefined && raw['kind'] !== kind && (raw['kind'] === 'mcp' || raw['kind'] === 'backend')) {
    return null;
  }
  const packageName = typeof pkg.name === 'string' ? pkg.name : dir;
  const version = typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  const base = { packageName, version, dir, manifest: null, state: 'invalid' as const };
  const validation = validateManifest(raw);
  if (!validation.ok) {
    const id = typeof raw?.['id'] === 'string' ? raw['id'] : packageName;
    return { ...base, id, reason: validation.errors.join('; ') };
  }
  const manifest = validation.manifest;
  // The entry must resolve inside the package, also after following symlinks.
  const entryPath = resolve(dir, manifest.entry);
  const entryReal = await realpath(entryPath).catch(() => null);
  if (entryReal === null) return { ...base, id: manifest.id, manifest, reason: `entry ${manifest.entry} does not exist (is the package built?)` };
  if (!isInside(dir, entryReal)) return { ...base, id: manifest.id, manifest, reason: 'entry resolves outside the package' };
  return { id: manifest.id, packageName, version, dir, manifest, state: 'discovered', reason: null };
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
    const rootPkg = await readPackageJson(root);
    const dirs = rootPkg?.faxbot !== undefined ? [root] : await candidateDirs(root);
    for (const candidate of dirs) {
      const dir = await realpath(candidate).catch(() => null);
      if (dir === null || seenDirs.has(dir)) continue;
      seenDirs.add(dir);
      const pkg = dir === root ? rootPkg : await readPackageJson(dir);
      if (pkg === null || pkg.faxbot === undefined) continue;
      const plugin = await inspect(dir, pkg, kind);
      if (plugin === null) continue;
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
