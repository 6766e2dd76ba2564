import { readdir, readFile, realpath } from 'node:fs/promises';
import { basename, join } from 'node:path';

/** A package folder whose `package.json` has a `faxbot` key; nothing of it has been validated or run. */
export interface PluginPackageCandidate {
  /** Real path of the package folder. */
  dir: string;
  /** `name` from package.json, or the folder when it has none. */
  name: string;
  /** `faxbot.kind` as written (`"backend"`, `"mcp"`, or anything else an author put there). */
  kind: unknown;
}

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

/**
 * Every package in the given roots whose `package.json` has a `faxbot` key, in root order, each
 * real folder once. A root is a node_modules-like folder, or a plugin package folder itself. Reads
 * `package.json` files only; no plugin code runs.
 *
 * @example
 * const mine = (await findPluginPackages(roots)).filter((candidate) => candidate.kind === 'mcp');
 */
export async function findPluginPackages(roots: readonly string[]): Promise<PluginPackageCandidate[]> {
  const seen = new Set<string>();
  const found: PluginPackageCandidate[] = [];
  for (const root of roots) {
    const folders = (await readFaxbotKey(root)) !== null ? [root] : await packageFolders(root);
    for (const folder of folders) {
      const dir = await realpath(folder).catch(() => null);
      if (dir === null || seen.has(dir)) continue;
      seen.add(dir);
      const key = await readFaxbotKey(dir);
      if (key !== null) found.push({ dir, ...key });
    }
  }
  return found;
}

/** What {@link keepFirstById} needs of a discovered plugin. */
export interface IdentifiedPlugin {
  id: string;
  packageName: string;
  state: string;
  reason: string | null;
}

/**
 * Marks every plugin whose id an earlier one already has as `invalid`, naming the package that
 * provides the id; the first one keeps it. Order is kept.
 *
 * @example
 * keepFirstById([a, b]); // b: { state: 'invalid', reason: 'duplicate plugin id "x" (already provided by @acme/a)' }
 */
export function keepFirstById<T extends IdentifiedPlugin>(plugins: readonly T[]): T[] {
  const byId = new Map<string, T>();
  return plugins.map((plugin) => {
    const first = byId.get(plugin.id);
    if (first === undefined) {
      byId.set(plugin.id, plugin);
      return plugin;
    }
    return { ...plugin, state: 'invalid', reason: `duplicate plugin id "${plugin.id}" (already provided by ${first.packageName})` };
  });
}
