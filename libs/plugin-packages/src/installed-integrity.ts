import { readFile } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { gatePackage, type GateCandidate, type GateVerdict, type PackageGateContext } from './package-gate';

/**
 * The integrity npm recorded for an installed package in `<root>/node_modules/.package-lock.json`
 * (`packages["node_modules/<name>"].integrity`), or null when there is no such lockfile or entry
 * (a workspace link, for example). A lockfile that exists but is not JSON is an error.
 *
 * @example
 * await readInstalledIntegrity('/srv/app', '@acme/sinch'); // 'sha512-…'
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
 * {@link gatePackage} for a package found on disk: looks up its installed integrity in the lockfile
 * of the `node_modules` it sits in first. An unreadable lockfile blocks the plugin.
 *
 * @example
 * const verdict = await gateInstalledPackage(candidate, { host, allowlist, bundled, devMode });
 */
export async function gateInstalledPackage(candidate: GateCandidate, context: Omit<PackageGateContext, 'installedIntegrity'>): Promise<GateVerdict> {
  const root = installRootOf(candidate.dir, candidate.packageName);
  let installedIntegrity: string | null = null;
  if (root !== null) {
    try {
      installedIntegrity = await readInstalledIntegrity(root, candidate.packageName);
    } catch (error) {
      return { verdict: 'blocked', reason: `lockfile ${join(root, 'node_modules', '.package-lock.json')} is unreadable: ${(error as Error).message}` };
    }
  }
  return gatePackage(candidate, { ...context, installedIntegrity });
}
