import { constants } from 'node:fs';
import { access, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FaxbotError } from '@faxbot/plugin-sdk';
import type { AcceptanceRecord } from './acceptance-record';
import { isProviderSid } from './provider-sid';
import { writeFileAtomically } from './write-file-atomically';

/**
 * The outbox folder: one document (`<providerSid>.pdf|txt`) and one acceptance record
 * (`<providerSid>.json`) per accepted fax, both written atomically.
 */
export class OutboxStore {
  constructor(private readonly dir: string) {}

  /** Creates the folder (and its parents) if needed. */
  async ensure(): Promise<void> {
    await mkdir(this.dir, { recursive: true });
  }

  /** True when the process may create files in the folder. */
  async isWritable(): Promise<boolean> {
    try {
      await access(this.dir, constants.W_OK);
      return true;
    } catch {
      return false;
    }
  }

  /** The record for `providerSid`, or `undefined` when the line never accepted it. */
  async find(providerSid: string): Promise<AcceptanceRecord | undefined> {
    if (!isProviderSid(providerSid)) return undefined;
    let text: string;
    try {
      text = await readFile(this.recordPath(providerSid), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    return JSON.parse(text) as AcceptanceRecord;
  }

  /**
   * Stores the document, then the record. The record is the commit point: a crash in between
   * leaves a document without a record, which the retry under the same key adopts instead of
   * writing a second time. Resolves to the record that won, which is an earlier one when another
   * writer accepted the same sid first.
   */
  async accept(record: AcceptanceRecord, document: Buffer): Promise<AcceptanceRecord> {
    try {
      await writeFileAtomically(join(this.dir, record.document.file), document, { overwrite: false });
    } catch (cause) {
      // Nothing carries the final name yet, so the host may safely try again with a fresh key.
      throw new FaxbotError('PROVIDER_UNAVAILABLE', 'loopback: could not write to the outbox', { cause, retryable: true });
    }
    try {
      const written = await writeFileAtomically(this.recordPath(record.providerSid), serialize(record), { overwrite: false });
      if (written) return record;
    } catch (cause) {
      // The document is in place: only a retry with the same key may complete this send.
      throw new FaxbotError('INTERNAL', 'loopback: could not record the acceptance', { cause });
    }
    const winner = await this.find(record.providerSid);
    if (winner === undefined) throw new FaxbotError('INTERNAL', 'loopback: acceptance record vanished');
    return winner;
  }

  /** Replaces the record of an accepted fax, e.g. to add a cancellation. */
  async update(record: AcceptanceRecord): Promise<void> {
    await writeFileAtomically(this.recordPath(record.providerSid), serialize(record), { overwrite: true });
  }

  private recordPath(providerSid: string): string {
    return join(this.dir, `${providerSid}.json`);
  }
}

function serialize(record: AcceptanceRecord): string {
  return `${JSON.stringify(record, null, 2)}\n`;
}
