import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

// Platforms and filesystems that cannot fsync a directory say so with one of these; the rename is
// then as durable as that filesystem allows, which is all we can do.
const DIR_SYNC_UNSUPPORTED = new Set(['EISDIR', 'EINVAL', 'EPERM', 'EACCES', 'ENOTSUP']);

/** Flushes a directory's entries (a rename or a new name in it) to disk. */
export async function fsyncDirectory(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (error) {
    if (!DIR_SYNC_UNSUPPORTED.has((error as { code?: string }).code ?? '')) throw error;
  } finally {
    await handle?.close();
  }
}

/**
 * Replaces `path` with `data` so that readers, and the file after a crash, see either the old or the
 * new content, never a mix: writes a temporary file in the same directory (created exclusively with
 * `mode`), fsyncs it, renames it over `path` and fsyncs the directory. If anything fails before the
 * rename, the temporary file is removed and `path` is untouched.
 *
 * @example
 * await writeFileAtomic('/etc/faxbot/faxbot.config.json', JSON.stringify(doc), { mode: 0o600 });
 */
export async function writeFileAtomic(path: string, data: string, options: { mode: number }): Promise<void> {
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', options.mode);
  try {
    try {
      await handle.writeFile(data, 'utf8');
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
}
