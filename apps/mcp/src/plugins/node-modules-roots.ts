import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Every `node_modules` folder Node would resolve packages from, starting at `startDir` and
 * walking up to the filesystem root: the deployment's in production, the workspace's in the repo.
 */
export function nodeModulesRoots(startDir: string): string[] {
  const roots: string[] = [];
  for (let dir = startDir; ; dir = dirname(dir)) {
    const candidate = basename(dir) === 'node_modules' ? dir : join(dir, 'node_modules');
    if (existsSync(candidate) && !roots.includes(candidate)) roots.push(candidate);
    if (dirname(dir) === dir) return roots;
  }
}
