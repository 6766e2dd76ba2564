import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { isValidStorageKey } from '../input-validation';

// '@' is outside the key alphabet, so an object file can never be mistaken for a directory named
// by a key segment ('a' is the file 'a@enc', 'a/b' lives in the directory 'a').
const OBJECT_SUFFIX = '@enc';

/** The file that holds `key` under `rootDir` (the key is already validated). */
export function objectPath(rootDir: string, key: string): string {
  return join(rootDir, ...`${key}${OBJECT_SUFFIX}`.split('/'));
}

function errorCode(error: unknown): string | undefined {
  return (error as { code?: string } | null)?.code;
}

/**
 * Keys of the object files under `rootDir` whose key starts with `prefix`, sorted. Only the
 * directories that can hold matching keys are read; temporary files, foreign files and symbolic
 * links are skipped.
 */
export async function listObjectKeys(rootDir: string, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  const walk = async (dirKey: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(join(rootDir, ...dirKey.split('/').filter(Boolean)), { withFileTypes: true });
    } catch (error) {
      if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') return;
      throw error;
    }
    for (const entry of entries) {
      if (entry.isDirectory()) {
        const childKey = `${dirKey}${entry.name}/`;
        if (childKey.startsWith(prefix) || prefix.startsWith(childKey)) await walk(childKey);
      } else if (entry.isFile() && entry.name.endsWith(OBJECT_SUFFIX)) {
        const key = dirKey + entry.name.slice(0, -OBJECT_SUFFIX.length);
        if (key.startsWith(prefix) && isValidStorageKey(key)) keys.push(key);
      }
    }
  };
  await walk(prefix.slice(0, prefix.lastIndexOf('/') + 1));
  return keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
