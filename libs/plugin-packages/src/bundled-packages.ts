import { readFile, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { nodeModulesRoots } from './node-modules-roots';
import type { BundledPackage } from './package-gate';

/**
 * The dependencies a host package declares in its `package.json`, each with its range and the
 * real folder Node resolves it to from the host (first `node_modules` walking up). First-party
 * plugins shipped this way carry the same trust as the host's own code; the folder pins that
 * trust to the copy the host would load itself. Rejects when the host's package.json is unreadable.
 *
 * @example
 * const bundled = await readBundledPackages(apiPackageDir); // { '@faxbot/plugin-loopback': { range: '^0.1.0', dir: '/…/libs/plugins/loopback' } }
 */
export async function readBundledPackages(hostPackageDir: string): Promise<Record<string, BundledPackage>> {
  const pkg = JSON.parse(await readFile(join(hostPackageDir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  const roots = nodeModulesRoots(hostPackageDir);
  const bundled: Record<string, BundledPackage> = {};
  for (const [name, range] of Object.entries(pkg.dependencies ?? {})) {
    let dir: string | null = null;
    for (const root of roots) {
      dir = await realpath(join(root, name)).catch(() => null);
      if (dir !== null) break;
    }
    bundled[name] = { range, dir };
  }
  return bundled;
}
