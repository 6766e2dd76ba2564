import { readFile, realpath } from 'node:fs/promises';
import { join, sep } from 'node:path';
import type { Allowlist } from './mcp-allowlist';
import { nodeModulesRoots } from './node-modules-roots';

/** What the gate needs to know about a discovered package. */
export interface GateCandidate {
  packageName: string;
  version: string;
  id: string;
  /** Real path of the package folder. */
  dir: string;
}

/** Everything the gate decides with. */
export interface GateContext {
  allowlist: Allowlist;
  /** `@faxbot/mcp`'s dependencies: package name → real folder the server resolves it to (null: not installed). */
  bundled: Readonly<Record<string, string | null>>;
  /** `MCP_PLUGIN_DEV_MODE`: plugins in workspace folders load without an allowlist entry. */
  devMode: boolean;
  /** The integrity npm recorded when it installed the package, when known. */
  installedIntegrity?: string | null;
}

/** Allowed and why, or blocked with a reason that names what is missing. */
export type GateVerdict = { verdict: 'allowed'; via: 'allowlist' | 'bundled' | 'dev-mode' } | { verdict: 'blocked'; reason: string };

/**
 * Decides whether a discovered MCP plugin may be loaded, by the rules the API applies to backend
 * plugins: an allowlist entry with the same name, exact version, id and `kind: "mcp"` (and, when
 * npm's lockfile records it, the same integrity — a mismatch blocks outright); or a dependency of
 * `@faxbot/mcp` in the very folder the server resolves; or dev mode for a workspace folder.
 *
 * @example
 * const verdict = gateMcpPlugin(plugin, { allowlist, bundled, devMode: false });
 */
export function gateMcpPlugin(candidate: GateCandidate, context: GateContext): GateVerdict {
  const { packageName: name, version } = candidate;
  const pinned = context.allowlist.plugins.filter((entry) => entry.name === name);
  const entry = pinned.find((item) => item.version === version);
  const missing: string[] = [];
  if (entry === undefined) {
    missing.push(pinned.length === 0 ? `${name}@${version} is not in the allowlist` : `the allowlist pins ${name} at ${pinned.map((item) => item.version).join(', ')}, not ${version}`);
  } else if (entry.kind !== 'mcp') {
    missing.push(`the allowlist entry for ${name}@${version} is for kind "${entry.kind}", not "mcp"`);
  } else if (entry.id !== candidate.id) {
    missing.push(`the allowlist entry for ${name}@${version} expects id "${entry.id}", the package declares "${candidate.id}"`);
  } else if (context.installedIntegrity != null && !context.installedIntegrity.split(/\s+/).includes(entry.integrity)) {
    return { verdict: 'blocked', reason: `integrity differs from the allowlist: installed ${context.installedIntegrity}, pinned ${entry.integrity}` };
  } else {
    return { verdict: 'allowed', via: 'allowlist' };
  }
  const bundledDir = context.bundled[name];
  if (bundledDir !== undefined) {
    if (bundledDir === candidate.dir) return { verdict: 'allowed', via: 'bundled' };
    missing.push(`not the bundled copy of ${name} (that is ${bundledDir ?? 'not installed'})`);
  }
  const inWorkspace = !candidate.dir.split(sep).includes('node_modules');
  if (inWorkspace && context.devMode) return { verdict: 'allowed', via: 'dev-mode' };
  if (inWorkspace) missing.push('workspace plugins load only in development mode (MCP_PLUGIN_DEV_MODE=true)');
  return { verdict: 'blocked', reason: missing.join('; ') };
}

/**
 * The integrity npm recorded for a package installed at `<root>/node_modules/<name>`, from
 * `<root>/node_modules/.package-lock.json`; null when the package is not directly in a
 * node_modules folder or npm recorded nothing.
 */
export async function readInstalledIntegrity(dir: string, packageName: string): Promise<string | null> {
  const suffix = `${sep}node_modules${sep}${packageName.split('/').join(sep)}`;
  if (!dir.endsWith(suffix)) return null;
  const lockfile = join(dir.slice(0, -suffix.length) || sep, 'node_modules', '.package-lock.json');
  let text: string;
  try {
    text = await readFile(lockfile, 'utf8');
  } catch {
    return null;
  }
  const parsed = JSON.parse(text) as { packages?: Record<string, { integrity?: unknown } | undefined> };
  const integrity = parsed.packages?.[`node_modules/${packageName}`]?.integrity;
  return typeof integrity === 'string' ? integrity : null;
}

/**
 * The dependencies `@faxbot/mcp` declares, each with the real folder Node resolves it to from the
 * server's package folder: first-party plugins shipped this way are trusted like the server itself.
 */
export async function readBundledPackages(hostPackageDir: string): Promise<Record<string, string | null>> {
  let pkg: { dependencies?: Record<string, string> };
  try {
    pkg = JSON.parse(await readFile(join(hostPackageDir, 'package.json'), 'utf8')) as typeof pkg;
  } catch {
    return {}; // no readable host package.json: nothing counts as bundled
  }
  const roots = nodeModulesRoots(hostPackageDir);
  const bundled: Record<string, string | null> = {};
  for (const name of Object.keys(pkg.dependencies ?? {})) {
    let dir: string | null = null;
    for (const root of roots) {
      dir = await realpath(join(root, name)).catch(() => null);
      if (dir !== null) break;
    }
    bundled[name] = dir;
  }
  return bundled;
}
