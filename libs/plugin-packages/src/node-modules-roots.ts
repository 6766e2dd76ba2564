import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * The node_modules folders Node would resolve packages from, starting at `startDir`: every
 * `node_modules` found walking up to the filesystem root. For an installed host that is the
 * deployment's node_modules; in the monorepo it is the workspace's, where first-party plugins are
 * linked.
 *
 * @example
 * nodeModulesRoots('/srv/faxbot/apps/api'); // ['/srv/faxbot/node_modules'] when only that one exists
 */
export function nodeModulesRoots(startDir: string): string[] {
  const roots: string[] = [];
  for (let dir = startDir; ; dir = dirname(dir)) {
    const candidate = basename(dir) === 'node_modules' ? dir : join(dir, 'node_modules');
    if (existsSync(candidate) && !roots.includes(candidate)) roots.push(candidate);
    if (dirname(dir) === dir) return roots;
  }
}
