import { inject, injectable } from 'inversify';
import type { FaxJobRecord } from '@faxbot/db';
import { renderFaxTiff, type ConversionPool } from '@faxbot/documents';
import type { FaxDocument } from '@faxbot/plugin-sdk';
import type { AppConfig } from '../config/app-config';
import { OutboundDocumentStore } from '../storage/outbound-document.store';
import { API_TOKENS } from '../tokens';
import { DocumentLinkService } from './document-link.service';

/**
 * The document a plugin gets with `send`: the stored bytes (decrypted when read), plus on request
 * a tokenised public URL (for providers that fetch the document themselves), valid for
 * `PDF_TOKEN_TTL_MINUTES` unless the plugin asks for less or more, and the fax TIFF (G4, 1728 px,
 * `FAX_RESOLUTION`, `FAX_PAGE_SIZE`) rendered on the conversion pool, for SIP engines.
 */
@injectable()
export class FaxDocumentFactory {
  constructor(
    @inject(API_TOKENS.Config) private readonly config: AppConfig,
    @inject(OutboundDocumentStore) private readonly store: OutboundDocumentStore,
    @inject(DocumentLinkService) private readonly links: DocumentLinkService,
    @inject(API_TOKENS.ConversionPool) private readonly conversions: ConversionPool,
  ) {}

  forJob(job: FaxJobRecord): FaxDocument {
    const stored = this.store.toFaxDocument(job.documentKey, job.fileName, job.sizeBytes);
    const defaultTtl = this.config.documents.pdfTokenTtlMinutes * 60;
    return {
      ...stored,
      createPublicUrl: async (options = {}) => {
        const ttl = options.ttlSeconds ?? defaultTtl;
        if (!Number.isInteger(ttl) || ttl < 1 || ttl > 7 * 24 * 3600) throw new RangeError('ttlSeconds must be an integer from 1 to 604800');
        return (await this.links.mint('fax', job.id, ttl)).url;
      },
      toFaxTiff: async () => {
        const { documents } = this.config;
        return renderFaxTiff(await stored.read(), { pool: this.conversions, resolution: documents.resolution, pageSize: documents.pageSize, compression: documents.faxCompression });
      },
    };
  }
}
