import { randomBytes } from 'node:crypto';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

// Platforms and file systems that cannot fsync a directory say so with one of these; the rename is
// then as durable as that file system allows.
const DIR_SYNC_UNSUPPORTED = new Set(['EISDIR', 'EINVAL', 'EPERM', 'EACCES', 'ENOTSUP']);

/** Flushes a directory's entries (a rename into it) to disk. */
export async function fsyncDirectory(dir: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (error) {
    if (!DIR_SYNC_UNSUPPORTED.has((error as { code?: string }).code ?? '')) throw error;
  } finally {
    await handle?.close();
  }
}

/** True for names {@link writeFileAtomically} uses for files in progress. */
export function isTemporaryName(name: string): boolean {
  return name.startsWith('.') && name.endsWith('.tmp');
}

/**
 * Writes `path` so that readers, and the file after a crash, see the old content or the new, never
 * a mix: `write` fills a temporary file created exclusively (mode 0600) in the same directory, which
 * is then fsynced, renamed over `path`, and the directory fsynced. The temporary file is removed on
 * every failure, including a failing `write`, and `path` is then untouched.
 */
export async function writeFileAtomically<T>(path: string, write: (handle: FileHandle) => Promise<T>): Promise<T> {
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${randomBytes(8).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', 0o600);
  let result: T;
  try {
    try {
      result = await write(handle);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await fsyncDirectory(dir);
  return result;
}
