import { realpath } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';

/**
 * Resolves `path` inside `packageDir` and refuses anything that ends up outside it (symlinks
 * included). Rejects with `ENOENT` when the file does not exist.
 *
 * @example
 * const entry = await resolveInsidePackage(dir, manifest.entry); // '/…/node_modules/x/dist/index.js'
 */
export async function resolveInsidePackage(packageDir: string, path: string): Promise<string> {
  const root = await realpath(packageDir);
  const target = await realpath(resolve(root, path));
  const inside = relative(root, target);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) throw new Error(`${path} resolves outside the package`);
  return target;
}

/**
 * Why a manifest's `entry` cannot be loaded, or null when it resolves to a file inside the
 * package. Discovery uses it to report a package without running any of its code.
 *
 * @example
 * const problem = await entryProblem(dir, manifest.entry); // 'entry dist/index.js does not exist (is the package built?)'
 */
export async function entryProblem(packageDir: string, entry: string): Promise<string | null> {
  try {
    await resolveInsidePackage(packageDir, entry);
    return null;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? `entry ${entry} does not exist (is the package built?)` : 'entry resolves outside the package';
  }
}
