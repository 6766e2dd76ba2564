import { readFile, writeFile } from 'node:fs/promises';
import { inject, injectable } from 'inversify';
import { DocumentError, documentToPdf, withCoverPage, type ConversionPool, type CoverPageFields, type SourceFormat } from '@faxbot/documents';
import type { AppConfig } from '../config/app-config';
import { ApiError } from '../errors/api-error';
import { API_TOKENS } from '../tokens';

/** An accepted upload, now a PDF in the same temporary file. */
export interface AcceptedDocument {
  /** What the upload was, by content. */
  format: SourceFormat;
  /** Size of the PDF that replaced it. */
  sizeBytes: number;
  pages: number;
}

/** What a sender asked to put on a cover page (`cover_page=true` and the `cover_*` fields). */
export type CoverRequest = Omit<CoverPageFields, 'documentPages' | 'date' | 'logo'>;

/** The answer to a refused document: 415 for what is not a document we take, 413, else 422. */
export function apiErrorFromDocument(error: DocumentError, maxFileSizeMb: number): ApiError {
  switch (error.code) {
    case 'UNSUPPORTED_FORMAT':
      return new ApiError('UNSUPPORTED_MEDIA_TYPE', 'Only PDF, TXT, PNG, JPEG and TIFF are allowed', { cause: error });
    case 'FILE_TOO_LARGE':
      return new ApiError('PAYLOAD_TOO_LARGE', `File exceeds ${maxFileSizeMb} MB limit`, { cause: error });
    case 'POOL_CLOSED':
      return new ApiError('SERVICE_UNAVAILABLE', 'The gateway is shutting down; send the fax again', { cause: error });
    case 'CONVERSION_FAILED':
    case 'INVALID_ARGUMENT':
      throw error;
    default:
      // The package writes these messages for the sender, never quoting the content.
      return new ApiError('VALIDATION_FAILED', error.message, { cause: error });
  }
}

/**
 * Checks an upload by its content and turns it into the PDF that is stored and faxed: a PDF is
 * parsed (encrypted, corrupt or over-long ones are refused), text and images are set on
 * `FAX_PAGE_SIZE` pages. The work runs on the conversion pool, never on the API's event loop.
 */
@injectable()
export class DocumentIntake {
  constructor(
    @inject(API_TOKENS.Config) private readonly config: AppConfig,
    @inject(API_TOKENS.ConversionPool) private readonly conversions: ConversionPool,
  ) {}

  /**
   * Replaces the upload at `tempPath` with its PDF, with a cover page first when one is asked for;
   * throws an ApiError (4xx) when it is refused.
   */
  async toPdfInPlace(tempPath: string, cover?: CoverRequest): Promise<AcceptedDocument> {
    const { config } = this;
    const options = {
      pool: this.conversions,
      pageSize: config.documents.pageSize,
      limits: { maxFileBytes: config.maxFileSizeBytes, maxPages: config.documents.maxPages },
    };
    try {
      const converted = await documentToPdf(await readFile(tempPath), options);
      if (cover !== undefined) {
        const covered = await withCoverPage(converted.bytes, { ...cover, date: new Date().toISOString().slice(0, 10) }, options);
        await writeFile(tempPath, covered.bytes, { mode: 0o600 });
        return { format: converted.format, sizeBytes: covered.bytes.length, pages: covered.pages };
      }
      if (converted.format !== 'pdf') await writeFile(tempPath, converted.bytes, { mode: 0o600 });
      return { format: converted.format, sizeBytes: converted.bytes.length, pages: converted.pages };
    } catch (error) {
      if (DocumentError.is(error)) throw apiErrorFromDocument(error, config.maxFileSizeMb);
      throw error;
    }
  }
}
