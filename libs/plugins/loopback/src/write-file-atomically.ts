import { randomBytes } from 'node:crypto';
import { link, open, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Errors a filesystem gives when it has no hard links; then we fall back to rename. */
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV']);

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return false;
    throw error;
  }
}

/**
 * Writes `data` to `path` so that `path` either does not exist or holds all of `data`: the bytes go
 * to a hidden temp file in the same directory (same filesystem, so the final step is atomic), are
 * flushed to disk, and only then get their final name.
 *
 * With `overwrite: false` an existing file wins and nothing is written; the final name is taken
 * with `link()`, which fails when the name exists, so two writers racing (even in two processes)
 * cannot both succeed. Resolves to whether this call wrote the file.
 */
export async function writeFileAtomically(path: string, data: Buffer | string, options: { overwrite: boolean }): Promise<boolean> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', 0o600);
  try {
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (options.overwrite) {
      await rename(temp, path);
      return true;
    }
    try {
      await link(temp, path);
      return true;
    } catch (error) {
      if (errorCode(error) === 'EEXIST') return false;
      if (!NO_HARD_LINKS.has(errorCode(error) ?? '')) throw error;
      // Without hard links the check and the rename are two steps; a same-process caller still
      // serialises them with a lock, which is all the loopback line needs.
      if (await exists(path)) return false;
      await rename(temp, path);
      return true;
    }
  } finally {
    // After a rename the temp name is gone already; after a link it is a second name to drop.
    await unlink(temp).catch(() => undefined);
  }
}
