import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomically } from './write-file-atomically';

/**
 * Send attempts per job, one small JSON file per job under the instance's data directory, so a
 * simulated outage lasts the same number of attempts whether or not the host restarts in between.
 */
export class AttemptCounterStore {
  constructor(private readonly dir: string) {}

  /** Attempts recorded so far for `jobId` (0 when none). */
  async count(jobId: string): Promise<number> {
    try {
      const saved = JSON.parse(await readFile(this.pathOf(jobId), 'utf8')) as { attempts?: unknown };
      return typeof saved.attempts === 'number' ? saved.attempts : 0;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
      throw error;
    }
  }

  /** Records one more attempt for `jobId` and resolves to the new total. */
  async increment(jobId: string): Promise<number> {
    const attempts = (await this.count(jobId)) + 1;
    await mkdir(this.dir, { recursive: true });
    await writeFileAtomically(this.pathOf(jobId), `${JSON.stringify({ jobId, attempts })}\n`, { overwrite: true });
    return attempts;
  }

  // Job ids come from the host; hashing keeps any character they may contain out of the path.
  private pathOf(jobId: string): string {
    return join(this.dir, `${createHash('sha256').update(jobId, 'utf8').digest('hex').slice(0, 32)}.json`);
  }
}
