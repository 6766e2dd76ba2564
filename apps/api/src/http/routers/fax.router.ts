import { rm } from 'node:fs/promises';
import { Router, type RequestHandler } from 'express';
import type { Database } from '@faxbot/db';
import type { Logger } from '@faxbot/audit';
import type { Scope } from '../../auth/scopes';
import type { AppConfig } from '../../config/app-config';
import { ApiError } from '../../errors/api-error';
import { parseDestinationNumber } from '../../fax/destination-number';
import { toFaxJobDto } from '../../fax/fax-job.dto';
import type { SendFaxUseCase } from '../../fax/send-fax.use-case';
import type { CoverRequest, DocumentIntake } from '../../documents/document-intake';
import type { DocumentLinkService } from '../../documents/document-link.service';
import { sendPdf } from '../../documents/send-pdf';
import type { OutboundDocumentStore } from '../../storage/outbound-document.store';
import { readFaxUpload } from '../upload/read-fax-upload';

/** Services the fax routes use. */
export interface FaxRouterDeps {
  config: AppConfig;
  db: Database;
  documents: OutboundDocumentStore;
  sendFax: SendFaxUseCase;
  /** True when an instance id names an instance that exists (running or not). */
  knowsInstance: (instanceId: string) => boolean;
  requireScope: (scope: Scope) => RequestHandler;
  links: DocumentLinkService;
  intake: DocumentIntake;
  logger: Logger;
  /** Called after a job is queued, to wake the in-process worker. */
  onQueued: () => void;
}

const COVER_FIELDS = { cover_to: 120, cover_from: 120, cover_subject: 200, cover_message: 20_000 } as const;

/** The cover page a sender asked for with `cover_page=true` and the `cover_*` fields, or none. */
function coverRequest(fields: Record<string, string>, destination: string): CoverRequest | undefined {
  const flag = fields['cover_page']?.trim().toLowerCase();
  if (flag === undefined || flag === '' || flag === 'false' || flag === '0') return undefined;
  if (flag !== 'true' && flag !== '1') throw new ApiError('VALIDATION_FAILED', 'cover_page must be true or false');
  for (const [name, limit] of Object.entries(COVER_FIELDS)) {
    if ((fields[name]?.length ?? 0) > limit) throw new ApiError('VALIDATION_FAILED', `${name} must be at most ${limit} characters`);
  }
  const text = (name: keyof typeof COVER_FIELDS): string | undefined => fields[name]?.trim() || undefined;
  const toName = text('cover_to');
  const fromName = text('cover_from');
  const subject = text('cover_subject');
  const message = text('cover_message');
  return {
    to: { number: destination, ...(toName === undefined ? {} : { name: toName }) },
    ...(fromName === undefined ? {} : { from: { name: fromName } }),
    ...(subject === undefined ? {} : { subject }),
    ...(message === undefined ? {} : { message }),
  };
}

/**
 * `POST /fax`, `GET /fax/{id}` and `GET /fax/{id}/pdf?token=`, with the original Faxbot's fields
 * and status codes.
 */
export function createFaxRouter(deps: FaxRouterDeps): Router {
  const router = Router();

  router.post('/fax', deps.requireScope('fax:send'), async (request, response, next) => {
    const tempPath = deps.documents.newTempPath();
    try {
      const upload = await readFaxUpload(request, tempPath, {
        maxFileBytes: deps.config.maxFileSizeBytes,
        maxFileSizeMb: deps.config.maxFileSizeMb,
      });
      const to = upload.fields['to'];
      if (to === undefined || upload.file === null) {
        await rm(tempPath, { force: true });
        const missing = [to === undefined ? 'to' : null, upload.file === null ? 'file' : null].filter(Boolean).join(', ');
        throw new ApiError('VALIDATION_FAILED', `Missing required form field(s): ${missing}`);
      }
      const destination = parseDestinationNumber(to);
      // Optional: send through a specific instance (two accounts of one provider); default FAX_BACKEND.
      const backend = upload.fields['backend']?.trim() || undefined;
      if (backend !== undefined && !deps.knowsInstance(backend)) throw new ApiError('BAD_REQUEST', `Unknown backend instance: ${backend}`);
      // Whatever was uploaded (PDF, text, image), what is stored and faxed is a checked PDF.
      const document = await deps.intake.toPdfInPlace(tempPath, coverRequest(upload.fields, destination));
      const job = await deps.sendFax.execute({
        to: destination,
        fileName: upload.file.fileName,
        tempPath,
        sizeBytes: document.sizeBytes,
        documentType: 'pdf',
        ...(backend === undefined ? {} : { backend }),
      });
      deps.onQueued();
      response.status(202).json(toFaxJobDto(job));
    } catch (error) {
      await rm(tempPath, { force: true });
      next(error);
    }
  });

  // No API key: the token is the credential (providers fetch `content_url` this way).
  router.get('/fax/:id/pdf', async (request, response, next) => {
    try {
      const token = request.query['token'];
      if (token === undefined) throw new ApiError('VALIDATION_FAILED', 'Missing token');
      if (typeof token !== 'string') throw new ApiError('FORBIDDEN', 'Invalid token');
      const jobId = String(request.params['id']);
      const check = await deps.links.check('fax', jobId, token);
      if (check === 'expired') throw new ApiError('FORBIDDEN', 'Token expired');
      if (check !== 'ok') throw new ApiError('FORBIDDEN', 'Invalid token');
      const job = await deps.db.jobs.findById(jobId);
      if (job === null) throw new ApiError('NOT_FOUND', 'Job not found');
      if (job.documentDeletedAt !== null || job.documentType !== 'pdf') throw new ApiError('NOT_FOUND', 'PDF not available');
      deps.logger.info({ event: 'fax.pdf_served', jobId: job.id }, 'outbound document served');
      sendPdf(response, deps.documents.toFaxDocument(job.documentKey, job.fileName, job.sizeBytes).open(), `fax_${job.id}.pdf`);
    } catch (error) {
      next(error);
    }
  });

  router.get('/fax/:id', deps.requireScope('fax:read'), async (request, response, next) => {
    try {
      const job = await deps.db.jobs.findById(String(request.params['id']));
      if (job === null) throw new ApiError('NOT_FOUND', 'Job not found');
      response.json(toFaxJobDto(job));
    } catch (error) {
      next(error);
    }
  });

  return router;
}
