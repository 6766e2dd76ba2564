import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';

/** What the plugin remembers about one idempotency key Sinch answered. */
export interface SentFaxRecord {
  /** Sinch's fax id. */
  providerSid: string;
  jobId: string;
  acceptedAt: string;
}

/**
 * Remembers, in the instance's data directory, which fax Sinch created for each idempotency key,
 * so a repeated send of a key that got an answer returns that fax instead of sending again — also
 * after a restart. One small JSON file per key, named by the key's SHA-256 (keys never reach the
 * file system as names), written to a temp file, flushed and renamed so a crash leaves either the
 * whole record or none.
 */
export class SentFaxStore {
  private readonly dir: string;

  constructor(dataDir: string) {
    this.dir = join(dataDir, 'sent-faxes');
  }

  /** Creates the directory; call once in `start()`. */
  async open(): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
  }

  /** The record for `key`, or null when Sinch never answered a send under it. */
  async find(key: string): Promise<SentFaxRecord | null> {
    try {
      const parsed = JSON.parse(await readFile(this.path(key), 'utf8')) as Partial<SentFaxRecord>;
      return typeof parsed.providerSid === 'string' ? (parsed as SentFaxRecord) : null;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  /** Stores the record for `key` durably. */
  async remember(key: string, record: SentFaxRecord): Promise<void> {
    const path = this.path(key);
    const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    const handle = await open(temp, 'w', 0o600);
    try {
      await handle.writeFile(JSON.stringify(record));
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await rename(temp, path);
    } catch (error) {
      await unlink(temp).catch(() => undefined);
      throw error;
    }
  }

  private path(key: string): string {
    return join(this.dir, `${createHash('sha256').update(key, 'utf8').digest('hex')}.json`);
  }
}
