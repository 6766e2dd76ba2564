import { Router, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { Database, InboundFaxRecord } from '@faxbot/db';
import type { DocumentStorage } from '@faxbot/storage';
import type { Logger } from '@faxbot/audit';
import type { Scope } from '../auth/scopes';
import type { AppConfig } from '../config/app-config';
import type { DocumentLinkService } from '../documents/document-link.service';
import { ApiError } from '../errors/api-error';
import { principalOf } from '../http/auth/require-scope.middleware';
import { decodeInboundCursor, encodeInboundCursor } from './inbound-cursor';
import { toInboundFaxDto } from './inbound-fax.dto';
import { sendPdf } from '../documents/send-pdf';

/** Services the inbound routes use. */
export interface InboundRouterDeps {
  config: AppConfig;
  db: Database;
  storage: DocumentStorage;
  links: DocumentLinkService;
  logger: Logger;
  requireScope: (scope: Scope) => RequestHandler;
}

const DEFAULT_PAGE = 50;
const MAX_PAGE = 100;

function queryText(request: Request, name: string): string | undefined {
  const value = request.query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new ApiError('BAD_REQUEST', `Query parameter ${name} must be given once`);
  return value;
}

function pageSize(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_PAGE;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > MAX_PAGE) throw new ApiError('BAD_REQUEST', `limit must be an integer from 1 to ${MAX_PAGE}`);
  return value;
}

/**
 * Received faxes: `GET /inbound` (newest first, filters and keyset paging), `GET /inbound/{id}`,
 * `GET /inbound/{id}/pdf` (a scoped key or a download token — the token works without any API key,
 * which the original's route did not allow), `POST /inbound/{id}/token` (hands out such a link,
 * which the original never did). With `INBOUND_ENABLED=false` every route answers 404
 * `Inbound not enabled` after its auth check, as the original did.
 */
export function createInboundRouter(deps: InboundRouterDeps): Router {
  const router = Router();
  const enabled: RequestHandler = (_request, _response, next) => next(deps.config.inbound.enabled ? undefined : new ApiError('NOT_FOUND', 'Inbound not enabled'));
  const find = async (request: Request): Promise<InboundFaxRecord> => {
    const fax = await deps.db.inbound.findById(String(request.params['id']));
    if (fax === null) throw new ApiError('NOT_FOUND', 'Inbound fax not found');
    return fax;
  };
  const audit = (fax: InboundFaxRecord, method: 'token' | 'api_key', keyId: string | null): void => {
    deps.logger.info({ event: 'inbound.pdf_served', inboundId: fax.id, method, keyId }, 'inbound document served');
  };
  const download = async (fax: InboundFaxRecord, response: Response): Promise<void> => {
    if (fax.documentKey === null) throw new ApiError('NOT_FOUND', 'PDF file not found');
    sendPdf(response, await deps.storage.get(fax.documentKey), `inbound_${fax.id}.pdf`);
  };

  router.get('/inbound', deps.requireScope('inbound:list'), enabled, async (request, response, next) => {
    try {
      const limit = pageSize(queryText(request, 'limit'));
      const cursor = queryText(request, 'cursor');
      const filter = {
        limit,
        ...optional('toNumber', queryText(request, 'to_number')),
        ...optional('status', queryText(request, 'status')),
        ...optional('mailbox', queryText(request, 'mailbox')),
        cursor: cursor === undefined ? null : decodeInboundCursor(cursor),
      };
      const page = await deps.db.inbound.list(filter);
      if (page.next !== null) {
        const next = encodeInboundCursor(page.next);
        response.set('X-Next-Cursor', next);
        const search = new URLSearchParams({ ...stringQuery(request), cursor: next });
        response.set('Link', `<${deps.config.publicApiUrl}/inbound?${search.toString()}>; rel="next"`);
      }
      response.json(page.items.map(toInboundFaxDto));
    } catch (error) {
      next(error);
    }
  });

  router.get('/inbound/:id', deps.requireScope('inbound:read'), enabled, async (request, response, next) => {
    try {
      response.json(toInboundFaxDto(await find(request)));
    } catch (error) {
      next(error);
    }
  });

  // A token opens the document without an API key; without a token the key needs inbound:read.
  const tokenOrScope: RequestHandler = (request, response, next) => {
    if (request.query['token'] !== undefined) return next();
    return deps.requireScope('inbound:read')(request, response, next);
  };
  router.get('/inbound/:id/pdf', tokenOrScope, enabled, async (request: Request, response: Response, next: NextFunction) => {
    try {
      const token = request.query['token'];
      if (token !== undefined) {
        if (typeof token !== 'string') throw new ApiError('FORBIDDEN', 'Forbidden');
        const check = await deps.links.check('inbound', String(request.params['id']), token);
        if (check === 'expired') throw new ApiError('FORBIDDEN', 'Token expired');
        if (check !== 'ok') throw new ApiError('FORBIDDEN', 'Forbidden');
        const fax = await find(request);
        audit(fax, 'token', null);
        await download(fax, response);
        return;
      }
      const fax = await find(request);
      audit(fax, 'api_key', principalOf(response).keyId);
      await download(fax, response);
    } catch (error) {
      next(error);
    }
  });

  router.post('/inbound/:id/token', deps.requireScope('inbound:read'), enabled, async (request, response, next) => {
    try {
      const fax = await find(request);
      if (fax.documentKey === null) throw new ApiError('NOT_FOUND', 'PDF file not found');
      const link = await deps.links.mint('inbound', fax.id, deps.config.inbound.tokenTtlMinutes * 60);
      response.status(201).json({ token: link.token, url: link.url, expires_at: link.expiresAt.toISOString() });
    } catch (error) {
      next(error);
    }
  });

  return router;
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined || value === '' ? {} : ({ [key]: value } as Record<K, string>);
}

function stringQuery(request: Request): Record<string, string> {
  return Object.fromEntries(Object.entries(request.query).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}
