import { readFile } from 'node:fs/promises';
import { join, sep } from 'node:path';
import semver from 'semver';
import { integrityEquals } from '../install/integrity';
import type { Allowlist } from './allowlist';

/** What the gate needs to know about a discovered plugin package. */
export interface GateCandidate {
  packageName: string;
  version: string;
  /** Manifest id (for an invalid manifest, whatever discovery reported). */
  id: string;
  kind: 'backend' | 'mcp';
  /** Real path of the package folder. */
  dir: string;
}

/** A dependency of `@faxbot/api`: the range it declares and the real folder Node resolves it to. */
export interface BundledPackage {
  range: string;
  /** Real path of the copy the API itself resolves; null when it is not installed. */
  dir: string | null;
}

/** Everything the gate decides with. */
export interface GateContext {
  allowlist: Allowlist;
  /** `@faxbot/api`'s dependencies by package name (see `readBundledPackages`). */
  bundled: Readonly<Record<string, BundledPackage>>;
  /** `FAXBOT_PLUGIN_DEV_MODE`: also allow plugins in workspace folders. */
  devMode: boolean;
  /** The package's integrity from the hidden lockfile, when known (see `readInstalledIntegrity`). */
  installedIntegrity?: string | null;
}

/** The gate's decision: allowed and why, or blocked with a reason that names what is missing. */
export type GateVerdict =
  | { verdict: 'allowed'; via: 'allowlist' | 'bundled' | 'dev-mode' }
  | { verdict: 'blocked'; reason: string };

function isUnderNodeModules(dir: string): boolean {
  return dir.split(sep).includes('node_modules');
}

/**
 * Decides whether a discovered plugin may be imported. Allowed when:
 * - an allowlist entry matches name, exact version, id and kind, and the installed integrity
 *   (when a lockfile records it) equals the pinned one; a pinned package whose integrity differs
 *   is blocked outright, because that is what tampering looks like;
 * - or it is bundled: a dependency of `@faxbot/api` whose version satisfies the declared range
 *   and whose folder is the very copy the API resolves (a same-named package elsewhere is not);
 * - or dev mode is on and the package lives in a workspace folder, not under `node_modules`.
 *
 * @example
 * const verdict = gatePlugin(plugin, { allowlist, bundled, devMode: false });
 * if (verdict.verdict === 'blocked') log.warn(verdict.reason);
 */
export function gatePlugin(candidate: GateCandidate, context: GateContext): GateVerdict {
  const { packageName: name, version } = candidate;
  const missing: string[] = [];

  const pinned = context.allowlist.plugins.filter((entry) => entry.name === name);
  const entry = pinned.find((item) => item.version === version);
  if (entry === undefined) {
    missing.push(
      pinned.length === 0
        ? `${name}@${version} is not in the allowlist`
        : `the allowlist pins ${name} at ${pinned.map((item) => item.version).join(', ')}, not ${version}`,
    );
  } else if (entry.id !== candidate.id) {
    missing.push(`the allowlist entry for ${name}@${version} expects id "${entry.id}", the package declares "${candidate.id}"`);
  } else if (entry.kind !== candidate.kind) {
    missing.push(`the allowlist entry for ${name}@${version} expects kind "${entry.kind}", the package declares "${candidate.kind}"`);
  } else if (context.installedIntegrity != null && !integrityEquals(context.installedIntegrity, entry.integrity)) {
    return { verdict: 'blocked', reason: `integrity differs from allowlist: installed ${context.installedIntegrity}, pinned ${entry.integrity}` };
  } else {
    return { verdict: 'allowed', via: 'allowlist' };
  }

  const bundled = context.bundled[name];
  if (bundled !== undefined) {
    if (!semver.satisfies(version, bundled.range)) missing.push(`not the bundled version (@faxbot/api depends on ${name}@${bundled.range})`);
    else if (bundled.dir !== candidate.dir) missing.push(`not the bundled copy of ${name} (that is ${bundled.dir ?? 'not installed'})`);
    else return { verdict: 'allowed', via: 'bundled' };
  }

  const inWorkspace = !isUnderNodeModules(candidate.dir);
  if (context.devMode && inWorkspace) return { verdict: 'allowed', via: 'dev-mode' };
  if (inWorkspace) missing.push('workspace plugins load only in development mode (FAXBOT_PLUGIN_DEV_MODE=true)');
  return { verdict: 'blocked', reason: missing.join('; ') };
}

/**
 * The integrity npm recorded for an installed package in `<root>/node_modules/.package-lock.json`
 * (`packages["node_modules/<name>"].integrity`), or null when there is no such lockfile or entry
 * (a workspace link, for example). A lockfile that exists but is not JSON is an error.
 */
export async function readInstalledIntegrity(root: string, packageName: string): Promise<string | null> {
  let text: string;
  try {
    text = await readFile(join(root, 'node_modules', '.package-lock.json'), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const lockfile = JSON.parse(text) as { packages?: Record<string, { integrity?: unknown } | undefined> };
  const integrity = lockfile.packages?.[`node_modules/${packageName}`]?.integrity;
  return typeof integrity === 'string' ? integrity : null;
}

/**
 * The project folder whose `node_modules` holds a package folder (`/srv/app` for
 * `/srv/app/node_modules/@acme/x`), or null when the folder is not directly in a `node_modules`.
 */
export function installRootOf(dir: string, packageName: string): string | null {
  const suffix = `${sep}node_modules${sep}${packageName.split('/').join(sep)}`;
  return dir.endsWith(suffix) ? dir.slice(0, -suffix.length) || sep : null;
}

/**
 * {@link gatePlugin} for a package found on disk: looks up its installed integrity in the lockfile
 * of the `node_modules` it sits in first. An unreadable lockfile blocks the plugin.
 */
export async function gateInstalledPlugin(candidate: GateCandidate, context: Omit<GateContext, 'installedIntegrity'>): Promise<GateVerdict> {
  const root = installRootOf(candidate.dir, candidate.packageName);
  let installedIntegrity: string | null = null;
  if (root !== null) {
    try {
      installedIntegrity = await readInstalledIntegrity(root, candidate.packageName);
    } catch (error) {
      return { verdict: 'blocked', reason: `lockfile ${join(root, 'node_modules', '.package-lock.json')} is unreadable: ${(error as Error).message}` };
    }
  }
  return gatePlugin(candidate, { ...context, installedIntegrity });
}
