import { createReadStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { inject, injectable } from 'inversify';
import type { FaxDocument } from '@faxbot/plugin-sdk';
import type { DocumentStorage } from '@faxbot/storage';
import { DOCUMENT_MIME_TYPES, type DocumentType } from '@faxbot/documents';
import type { AppConfig } from '../config/app-config';
import { API_TOKENS } from '../tokens';

const KEY_PATTERN = /^outbound\/[a-f0-9]{32}\.(pdf|txt)$/;

/**
 * Outbound documents in the configured document storage (encrypted at rest on the local backend,
 * SSE on S3). Uploads are streamed to `<FAX_DATA_DIR>/tmp` first (size limit, type check) and only
 * then stored, so a stored document is always complete; the temporary file is removed on every path.
 */
@injectable()
export class OutboundDocumentStore {
  private readonly tempDir: string;

  constructor(
    @inject(API_TOKENS.Config) config: AppConfig,
    @inject(API_TOKENS.DocumentStorage) private readonly storage: DocumentStorage,
  ) {
    this.tempDir = join(config.dataDir, 'tmp');
  }

  async init(): Promise<void> {
    await mkdir(this.tempDir, { recursive: true, mode: 0o700 });
  }

  /** A fresh path for an upload in progress. */
  newTempPath(): string {
    return join(this.tempDir, `upload-${randomBytes(12).toString('hex')}`);
  }

  /** Stores a finished upload under the job's key, removes the temporary file, and returns the key. */
  async adopt(tempPath: string, jobId: string, type: DocumentType): Promise<string> {
    const key = `outbound/${jobId}.${type}`;
    try {
      await this.storage.put(key, createReadStream(tempPath), { contentType: DOCUMENT_MIME_TYPES[type].split(';')[0] ?? 'application/octet-stream' });
    } finally {
      await rm(tempPath, { force: true });
    }
    return key;
  }

  async delete(key: string): Promise<void> {
    await this.storage.delete(this.checked(key));
  }

  /** A document handle for a plugin; bytes are decrypted only when the plugin reads them. */
  toFaxDocument(key: string, fileName: string, sizeBytes: number): FaxDocument {
    const checkedKey = this.checked(key);
    const type = key.endsWith('.pdf') ? 'pdf' : 'txt';
    const open = (): PassThrough => {
      const out = new PassThrough();
      this.storage.get(checkedKey).then(
        (stream) => {
          stream.on('error', (error) => out.destroy(error));
          stream.pipe(out);
        },
        (error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))),
      );
      return out;
    };
    return {
      type,
      mimeType: DOCUMENT_MIME_TYPES[type],
      fileName,
      sizeBytes,
      open,
      read: async () => {
        const chunks: Buffer[] = [];
        for await (const chunk of open()) chunks.push(chunk as Buffer);
        return Buffer.concat(chunks);
      },
    };
  }

  /** Readiness check: storage accepts a write and the temp folder exists. */
  async checkWritable(): Promise<void> {
    const probe = `health/probe-${randomBytes(4).toString('hex')}`;
    await this.storage.put(probe, Buffer.from('ok'));
    await this.storage.delete(probe);
  }

  private checked(key: string): string {
    // Keys are generated here; anything else is a bug or an attack on the storage namespace.
    if (!KEY_PATTERN.test(key)) throw new Error('invalid document key');
    return key;
  }
}
