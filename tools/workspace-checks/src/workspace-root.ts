import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The monorepo root: the nearest folder above `from` that holds nx.json. */
export function workspaceRoot(from = __dirname): string {
  let dir = from;
  while (!existsSync(join(dir, 'nx.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('nx.json not found above ' + from);
    dir = parent;
  }
  return dir;
}
