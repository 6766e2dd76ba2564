import { createHash } from 'node:crypto';
import { inject, injectable } from 'inversify';
import type { Database, InboundFaxRecord } from '@faxbot/db';
import { detectDocumentType, tiffToPdf, type ConversionPool } from '@faxbot/documents';
import type { DocumentStorage } from '@faxbot/storage';
import type { Logger } from '@faxbot/audit';
import type { AppConfig } from '../config/app-config';
import { EventBus } from '../events/event-bus';
import { newHexId } from '../ids/hex-id';
import { API_TOKENS } from '../tokens';
import { asReceivedFax, type CheckedReceivedFax } from './received-fax.guard';

/** What one `accept` call did. */
export interface AcceptedFaxes {
  stored: number;
  duplicates: number;
  refused: number;
  /** Ids of the inbound faxes stored now or found stored already, in delivery order. */
  ids: string[];
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Storage key of a received fax's PDF. */
export function inboundDocumentKey(id: string): string {
  return `inbound/${id}.pdf`;
}

/**
 * Takes the faxes a plugin instance received (from a verified webhook) into the gateway: once per
 * instance and provider id, as a PDF (a TIFF is converted), encrypted in document storage, with its
 * SHA-256, routed to the mailbox of its number's rule, kept until its retention date, and announced
 * as `fax.received`. A duplicate delivery stores nothing; a fax that cannot be stored is refused
 * and logged without PHI.
 */
@injectable()
export class InboundFaxIntake {
  constructor(
    @inject(API_TOKENS.Config) private readonly config: AppConfig,
    @inject(API_TOKENS.Logger) private readonly logger: Logger,
    @inject(API_TOKENS.Database) private readonly db: Database,
    @inject(API_TOKENS.DocumentStorage) private readonly storage: DocumentStorage,
    @inject(EventBus) private readonly events: EventBus,
    @inject(API_TOKENS.ConversionPool) private readonly conversions: ConversionPool,
  ) {}

  async accept(instanceId: string, received: unknown): Promise<AcceptedFaxes> {
    const outcome: AcceptedFaxes = { stored: 0, duplicates: 0, refused: 0, ids: [] };
    if (received === undefined || received === null) return outcome;
    if (!Array.isArray(received)) {
      this.logger.warn({ instance: instanceId }, 'received faxes ignored: not an array');
      return outcome;
    }
    for (const raw of received) {
      const fax = asReceivedFax(raw);
      if (fax === null) {
        outcome.refused += 1;
        this.logger.warn({ instance: instanceId }, 'received fax refused: not a valid received fax');
        continue;
      }
      const result = await this.acceptOne(instanceId, fax);
      if (result === null) {
        outcome.refused += 1;
        continue;
      }
      outcome[result.created ? 'stored' : 'duplicates'] += 1;
      outcome.ids.push(result.id);
    }
    return outcome;
  }

  /** The stored fax's id and whether it is new, or null when the fax was refused. */
  private async acceptOne(instanceId: string, fax: CheckedReceivedFax): Promise<{ id: string; created: boolean } | null> {
    const existing = await this.db.inbound.findByProviderSid(instanceId, fax.providerSid);
    if (existing !== null) return { id: existing.id, created: false };
    const pdf = await this.toPdf(instanceId, fax);
    if (pdf === null) return null;
    const id = newHexId();
    const key = inboundDocumentKey(id);
    await this.storage.put(key, pdf, { contentType: 'application/pdf' });
    const rule = await this.db.inboundRules.findForNumber(fax.to);
    const retentionDays = this.config.inbound.retentionDays;
    const { record, created } = await this.db.inbound.insertOnce({
      id,
      backend: instanceId,
      providerSid: fax.providerSid,
      fromNumber: fax.from,
      toNumber: fax.to,
      pages: fax.pages,
      sizeBytes: pdf.length,
      sha256: createHash('sha256').update(pdf).digest('hex'),
      documentKey: key,
      mailboxLabel: rule?.mailboxLabel ?? null,
      receivedAt: fax.receivedAt,
      retentionUntil: retentionDays === 0 ? null : new Date(Date.now() + retentionDays * DAY_MS),
    });
    if (!created) {
      // A concurrent delivery of the same fax won the insert; keep only its document.
      await this.storage.delete(key);
      return { id: record.id, created: false };
    }
    this.announce(record);
    return { id: record.id, created: true };
  }

  /** The fax as PDF bytes within the size limit, or null (logged) when it cannot be stored. */
  private async toPdf(instanceId: string, fax: CheckedReceivedFax): Promise<Buffer | null> {
    const limit = this.config.inbound.maxDocumentBytes;
    if (fax.document.bytes.length > limit) {
      this.logger.error({ instance: instanceId, bytes: fax.document.bytes.length, limit }, 'received fax refused: document exceeds INBOUND_MAX_PDF_MB');
      return null;
    }
    try {
      const pdf = fax.document.type === 'tiff' ? (await tiffToPdf(fax.document.bytes, { pool: this.conversions, pageSize: this.config.documents.pageSize })).bytes : fax.document.bytes;
      if (detectDocumentType(pdf) !== 'pdf') throw new Error('the document is not a PDF');
      if (pdf.length > limit) throw new Error('the converted document exceeds INBOUND_MAX_PDF_MB');
      return pdf;
    } catch (error) {
      this.logger.error({ instance: instanceId, type: fax.document.type, reason: error instanceof Error ? error.message : String(error) }, 'received fax refused: document unreadable');
      return null;
    }
  }

  private announce(record: InboundFaxRecord): void {
    this.logger.info({ event: 'inbound.received', inboundId: record.id, instance: record.backend, pages: record.pages, bytes: record.sizeBytes, mailbox: record.mailboxLabel }, 'inbound fax stored');
    this.events.emit('fax.received', { inboundId: record.id, instanceId: record.backend, providerSid: record.providerSid, pages: record.pages, mailbox: record.mailboxLabel });
  }
}
