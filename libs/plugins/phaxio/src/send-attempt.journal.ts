import { createHash } from 'node:crypto';
import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Remembers, in the instance's data directory, which idempotency keys this instance has posted a
 * send for. Phaxio itself is the source of truth (the `tag[faxbot_key]` lookup); the journal only
 * tells "Phaxio could not be asked, but this key was never posted, so nothing can have gone out"
 * (a retryable error) apart from "this key was posted before and its outcome is open" (retry with
 * the same key). Keys are stored hashed, one empty file each; files survive restarts.
 */
export class SendAttemptJournal {
  constructor(private readonly directory: string) {}

  /** Records that a send under `key` is about to be posted. */
  async markAttempted(key: string): Promise<void> {
    await mkdir(this.directory, { recursive: true, mode: 0o700 });
    await writeFile(this.pathOf(key), '', { mode: 0o600 });
  }

  /** True when a send under `key` was posted before (by this instance, on this data directory). */
  async wasAttempted(key: string): Promise<boolean> {
    try {
      await stat(this.pathOf(key));
      return true;
    } catch {
      return false;
    }
  }

  /** Deletes records older than `maxAgeMs` (the host retries a key for minutes or hours, not weeks). */
  async prune(maxAgeMs: number, now = Date.now()): Promise<number> {
    let names: string[];
    try {
      names = await readdir(this.directory);
    } catch {
      return 0;
    }
    let removed = 0;
    for (const name of names) {
      const path = join(this.directory, name);
      const info = await stat(path).catch(() => null);
      if (info !== null && now - info.mtimeMs > maxAgeMs) {
        await rm(path, { force: true });
        removed += 1;
      }
    }
    return removed;
  }

  private pathOf(key: string): string {
    return join(this.directory, createHash('sha256').update(key).digest('hex').slice(0, 40));
  }
}
