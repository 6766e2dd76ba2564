import { KeyedMutex } from '@faxbot/plugin-sdk';
import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isFinished, type FaxJobRecord } from './fax-job-record';
import { writeFileAtomically } from './write-file-atomically';

/** Which job and call an idempotency key placed, in `<dataDir>/keys/<sha256(key)>.json`. */
export interface KeyRecord {
  version: 1;
  jobId: string;
  callId: string;
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

async function readJson<T>(path: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as T;
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Job records and key records in the instance's data folder, so that a restarted gateway still
 * knows which keys it originated (and never places their calls again) and what each fax's last
 * known status is. Records of unfinished jobs are also cached in memory; every change is written
 * through, whole and atomically, one change per job at a time.
 */
export class FaxJobStore {
  private readonly cache = new Map<string, FaxJobRecord>();
  private readonly locks = new KeyedMutex();
  private readonly jobsDir: string;
  private readonly keysDir: string;

  constructor(dataDir: string) {
    this.jobsDir = join(dataDir, 'jobs');
    this.keysDir = join(dataDir, 'keys');
  }

  /** Creates the folders (owner-only: they hold job ids and masked numbers). */
  async ensure(): Promise<void> {
    await mkdir(this.jobsDir, { recursive: true, mode: 0o700 });
    await mkdir(this.keysDir, { recursive: true, mode: 0o700 });
  }

  /** The record of `jobId` (a safe id, see `isSafeJobId`), or undefined. */
  async get(jobId: string): Promise<FaxJobRecord | undefined> {
    const cached = this.cache.get(jobId);
    if (cached !== undefined) return cached;
    const stored = await readJson<FaxJobRecord>(this.jobPath(jobId));
    if (stored === undefined) return undefined;
    // A call still `pending` on disk was being sent when an earlier process stopped: its answer is lost.
    const record: FaxJobRecord = { ...stored, calls: stored.calls.map((call) => (call.ack === 'pending' ? { ...call, ack: 'unconfirmed' } : call)) };
    if (!isFinished(record)) this.cache.set(jobId, record);
    return record;
  }

  /**
   * Read-modify-write of one record, serialised per job so concurrent events and sends never
   * overwrite each other's changes. `change` gets the current record (or undefined) and returns the
   * new one, or undefined to leave it as it is. Resolves with the record as stored afterwards.
   */
  async update(jobId: string, change: (current: FaxJobRecord | undefined) => FaxJobRecord | undefined): Promise<FaxJobRecord | undefined> {
    return this.locks.run(jobId, async () => {
      const current = await this.get(jobId);
      const next = change(current);
      if (next === undefined || next === current) return current;
      await writeFileAtomically(this.jobPath(jobId), JSON.stringify(next), 0o600);
      if (isFinished(next)) this.cache.delete(jobId);
      else this.cache.set(jobId, next);
      return next;
    });
  }

  /** Which job and call `idempotencyKey` placed, or undefined for a key never used. */
  async keyRecord(idempotencyKey: string): Promise<KeyRecord | undefined> {
    return readJson<KeyRecord>(this.keyPath(idempotencyKey));
  }

  /** Remembers that `idempotencyKey` placed (or adopted) the call `callId` of `jobId`. */
  async rememberKey(idempotencyKey: string, record: KeyRecord): Promise<void> {
    await writeFileAtomically(this.keyPath(idempotencyKey), JSON.stringify(record), 0o600);
  }

  private jobPath(jobId: string): string {
    return join(this.jobsDir, `${jobId}.json`);
  }

  private keyPath(idempotencyKey: string): string {
    // Keys are the host's strings: hashed, they make safe file names of one length.
    return join(this.keysDir, `${createHash('sha256').update(idempotencyKey, 'utf8').digest('hex').slice(0, 40)}.json`);
  }
}
