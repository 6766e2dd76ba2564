import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The node_modules folders Node would resolve packages from, starting at `startDir`: every
 * `node_modules` found walking up to the filesystem root. For an installed gateway that is the
 * deployment's node_modules; in the monorepo it is the workspace's, where first-party plugins are
 * linked.
 */
export function nodeModulesRoots(startDir: string): string[] {
  const roots: string[] = [];
  let dir = startDir;
  for (;;) {
    const candidate = dir.endsWith(`${join('/', 'node_modules')}`) ? dir : join(dir, 'node_modules');
    if (existsSync(candidate) && !roots.includes(candidate)) roots.push(candidate);
    const parent = dirname(dir);
    if (parent === dir) return roots;
    dir = parent;
  }
}
