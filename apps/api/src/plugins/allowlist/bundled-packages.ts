import { readFile, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { nodeModulesRoots } from '../node-modules-roots';
import type { BundledPackage } from './plugin-gate';

/**
 * The dependencies `@faxbot/api` declares in its `package.json`, each with its range and the real
 * folder Node resolves it to from the API package (first `node_modules` walking up). First-party
 * plugins shipped this way (such as `@faxbot/plugin-loopback`) carry the same trust as the API's
 * own code; the folder pins that trust to the copy the API would load itself.
 */
export async function readBundledPackages(apiPackageDir: string): Promise<Record<string, BundledPackage>> {
  const pkg = JSON.parse(await readFile(join(apiPackageDir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  const roots = nodeModulesRoots(apiPackageDir);
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
