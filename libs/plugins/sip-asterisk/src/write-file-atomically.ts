import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Writes `data` to `path` so that `path` either keeps its old content or holds all of `data`: the
 * bytes go to a hidden temp file in the same folder, are flushed, and then renamed over `path`. A
 * crash never leaves a half-written record or TIFF under the final name (Asterisk could otherwise
 * start sending a truncated fax).
 */
export async function writeFileAtomically(path: string, data: Buffer | string, mode: number): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', mode);
  try {
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}
