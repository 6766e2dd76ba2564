import { createReadStream } from 'node:fs';
import { access, constants, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { inject, injectable } from 'inversify';
import type { FaxDocument } from '@faxbot/plugin-sdk';
import { DOCUMENT_MIME_TYPES, type DocumentType } from '@faxbot/documents';
import type { AppConfig } from '../config/app-config';
import { API_TOKENS } from '../tokens';

const KEY_PATTERN = /^[a-f0-9]{32}\.(pdf|txt)$/;

/**
 * Keeps outbound documents under `<FAX_DATA_DIR>/documents`, files readable by the owner only.
 * Uploads land in `<FAX_DATA_DIR>/tmp` first and are moved in with a rename, so a document is
 * either complete under its key or absent.
 */
@injectable()
export class LocalDocumentStore {
  private readonly documentsDir: string;
  private readonly tempDir: string;

  constructor(@inject(API_TOKENS.Config) config: AppConfig) {
    this.documentsDir = join(config.dataDir, 'documents');
    this.tempDir = join(config.dataDir, 'tmp');
  }

  async init(): Promise<void> {
    await mkdir(this.documentsDir, { recursive: true, mode: 0o700 });
    await mkdir(this.tempDir, { recursive: true, mode: 0o700 });
  }

  /** A fresh path for an upload in progress. */
  newTempPath(): string {
    return join(this.tempDir, `upload-${randomBytes(12).toString('hex')}`);
  }

  /** Moves a finished upload in under the job's key and returns the key. */
  async adopt(tempPath: string, jobId: string, type: DocumentType): Promise<string> {
    const key = `${jobId}.${type}`;
    await rename(tempPath, this.pathOf(key));
    return key;
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  /** A document handle for a plugin; the bytes are read only when the plugin asks. */
  toFaxDocument(key: string, fileName: string, sizeBytes: number): FaxDocument {
    const path = this.pathOf(key);
    const type = key.endsWith('.pdf') ? 'pdf' : 'txt';
    return {
      type,
      mimeType: DOCUMENT_MIME_TYPES[type],
      fileName,
      sizeBytes,
      open: () => createReadStream(path),
      read: () => readFile(path),
    };
  }

  async exists(key: string): Promise<boolean> {
    return stat(this.pathOf(key)).then(
      () => true,
      () => false,
    );
  }

  /** Readiness check: the folder exists and accepts a write. */
  async checkWritable(): Promise<void> {
    await access(this.documentsDir, constants.W_OK);
    const probe = join(this.tempDir, `.probe-${randomBytes(4).toString('hex')}`);
    await writeFile(probe, '');
    await rm(probe, { force: true });
  }

  private pathOf(key: string): string {
    // Keys are generated here; anything else is a bug or an attack on the path.
    if (!KEY_PATTERN.test(key)) throw new Error('invalid document key');
    return join(this.documentsDir, key);
  }
}
