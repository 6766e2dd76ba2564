import { inject, injectable } from 'inversify';
import type { Database, FaxJobRecord } from '@faxbot/db';
import type { DocumentType } from '@faxbot/documents';
import type { Logger } from '@faxbot/audit';
import type { AppConfig } from '../config/app-config';
import { EventBus } from '../events/event-bus';
import { OutboundDocumentStore } from '../storage/outbound-document.store';
import { newHexId } from '../ids/hex-id';
import { API_TOKENS } from '../tokens';
import { FAX_QUEUE, faxTaskKey } from './fax-queue';

/** A validated upload waiting to become a job. */
export interface SendFaxCommand {
  to: string;
  fileName: string;
  tempPath: string;
  sizeBytes: number;
  documentType: DocumentType;
  /** Plugin instance to send with; default FAX_BACKEND. */
  backend?: string;
}

/**
 * Accepts a fax: moves the document into storage, then writes the job row and its queue task in
 * one transaction, so the 202 is only sent for a job the worker is certain to see. If the
 * transaction fails the stored document is removed again: no half-written job.
 */
@injectable()
export class SendFaxUseCase {
  constructor(
    @inject(API_TOKENS.Database) private readonly db: Database,
    @inject(API_TOKENS.Config) private readonly config: AppConfig,
    @inject(API_TOKENS.Logger) private readonly logger: Logger,
    @inject(OutboundDocumentStore) private readonly documents: OutboundDocumentStore,
    @inject(EventBus) private readonly events: EventBus,
  ) {}

  async execute(command: SendFaxCommand): Promise<FaxJobRecord> {
    const jobId = newHexId();
    const documentKey = await this.documents.adopt(command.tempPath, jobId, command.documentType);
    try {
      const job = await this.db.transaction(async (scope) => {
        const inserted = await this.db.jobs.insert(
          {
            id: jobId,
            toNumber: command.to,
            fileName: command.fileName,
            documentKey,
            documentType: command.documentType,
            sizeBytes: command.sizeBytes,
            backend: command.backend ?? this.config.faxBackend,
          },
          scope,
        );
        await this.db.queue.enqueue({ queue: FAX_QUEUE, payload: { jobId }, dedupeKey: faxTaskKey(jobId) }, scope);
        return inserted;
      });
      this.logger.info({ jobId, to: command.to, type: command.documentType, bytes: command.sizeBytes, backend: job.backend }, 'fax job queued');
      this.events.emit('job.created', { jobId, backend: job.backend, documentType: command.documentType, sizeBytes: command.sizeBytes });
      this.events.emit('job.queued', { jobId, backend: job.backend, reason: 'created' });
      return job;
    } catch (error) {
      await this.documents.delete(documentKey);
      throw error;
    }
  }
}
