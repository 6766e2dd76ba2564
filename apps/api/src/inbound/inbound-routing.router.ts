import express, { Router, type RequestHandler } from 'express';
import { DatabaseError, type Database, type InboundRuleRecord, type MailboxRecord } from '@faxbot/db';
import type { Logger } from '@faxbot/audit';
import type { Scope } from '../auth/scopes';
import { ApiError } from '../errors/api-error';
import { principalOf } from '../http/auth/require-scope.middleware';

/** Services the mailbox and rule routes use. */
export interface InboundRoutingRouterDeps {
  db: Database;
  logger: Logger;
  inboundEnabled: boolean;
  requireScope: (scope: Scope) => RequestHandler;
}

const LABEL = /^[a-z0-9][a-z0-9._-]{0,63}$/;
const NUMBER = /^\+?\d{3,20}$/;

function mailboxDto(mailbox: MailboxRecord): Record<string, unknown> {
  return { label: mailbox.label, note: mailbox.note, created_at: mailbox.createdAt.toISOString(), updated_at: mailbox.updatedAt.toISOString() };
}

function ruleDto(rule: InboundRuleRecord): Record<string, unknown> {
  return { id: rule.id, to_number: rule.toNumber, mailbox: rule.mailboxLabel, created_at: rule.createdAt.toISOString() };
}

function body(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ApiError('VALIDATION_FAILED', 'Body must be a JSON object');
  return value as Record<string, unknown>;
}

function note(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || value.length > 500) throw new ApiError('VALIDATION_FAILED', 'note must be a string of at most 500 characters');
  return value;
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof DatabaseError && error.code === 'UNIQUE_VIOLATION';
}

/**
 * Mailboxes and the rules that route a receiving number (DID) to one — which the original declared
 * and never built. `/admin/inbound/mailboxes[/{label}]` and `/admin/inbound/rules[/{id}]`, scopes
 * `admin:inbound:read` / `admin:inbound:write`. A rule applies to faxes received after it exists.
 */
export function createInboundRoutingRouter(deps: InboundRoutingRouterDeps): Router {
  const router = Router();
  const read = deps.requireScope('admin:inbound:read');
  const write = deps.requireScope('admin:inbound:write');
  const json = express.json({ limit: '16kb' });
  const enabled: RequestHandler = (_request, _response, next) => next(deps.inboundEnabled ? undefined : new ApiError('NOT_FOUND', 'Inbound not enabled'));
  const changed = (action: string, response: Parameters<RequestHandler>[1], fields: Record<string, unknown>): void => {
    deps.logger.info({ event: `inbound.${action}`, keyId: principalOf(response).keyId, ...fields }, 'inbound routing changed');
  };

  router.get('/admin/inbound/mailboxes', read, enabled, async (_request, response, next) => {
    try {
      response.json((await deps.db.mailboxes.list()).map(mailboxDto));
    } catch (error) {
      next(error);
    }
  });

  router.post('/admin/inbound/mailboxes', write, enabled, json, async (request, response, next) => {
    try {
      const input = body(request.body);
      const label = input['label'];
      if (typeof label !== 'string' || !LABEL.test(label)) throw new ApiError('VALIDATION_FAILED', 'label must be 1-64 lower-case letters, digits, dots, dashes or underscores');
      const created = await deps.db.mailboxes.insert({ label, note: note(input['note']) });
      changed('mailbox_created', response, { mailbox: label });
      response.status(201).json(mailboxDto(created));
    } catch (error) {
      next(isUniqueViolation(error) ? new ApiError('CONFLICT', 'Mailbox already exists') : error);
    }
  });

  router.put('/admin/inbound/mailboxes/:label', write, enabled, json, async (request, response, next) => {
    try {
      const label = String(request.params['label']);
      const updated = await deps.db.mailboxes.update(label, { note: note(body(request.body)['note']) });
      if (updated === null) throw new ApiError('NOT_FOUND', 'Mailbox not found');
      changed('mailbox_updated', response, { mailbox: label });
      response.json(mailboxDto(updated));
    } catch (error) {
      next(error);
    }
  });

  router.delete('/admin/inbound/mailboxes/:label', write, enabled, async (request, response, next) => {
    try {
      const label = String(request.params['label']);
      if ((await deps.db.inboundRules.countForMailbox(label)) > 0) throw new ApiError('CONFLICT', 'Mailbox still has rules; delete them first');
      if (!(await deps.db.mailboxes.delete(label))) throw new ApiError('NOT_FOUND', 'Mailbox not found');
      changed('mailbox_deleted', response, { mailbox: label });
      response.status(204).end();
    } catch (error) {
      next(error);
    }
  });

  router.get('/admin/inbound/rules', read, enabled, async (_request, response, next) => {
    try {
      response.json((await deps.db.inboundRules.list()).map(ruleDto));
    } catch (error) {
      next(error);
    }
  });

  router.post('/admin/inbound/rules', write, enabled, json, async (request, response, next) => {
    try {
      const input = body(request.body);
      const toNumber = input['to_number'];
      const mailbox = input['mailbox'];
      if (typeof toNumber !== 'string' || !NUMBER.test(toNumber.trim())) throw new ApiError('VALIDATION_FAILED', "to_number must be E.164 or digits only");
      if (typeof mailbox !== 'string' || (await deps.db.mailboxes.findByLabel(mailbox)) === null) throw new ApiError('VALIDATION_FAILED', 'mailbox must name an existing mailbox');
      const rule = await deps.db.inboundRules.insert({ toNumber: toNumber.trim(), mailboxLabel: mailbox });
      // The number is PHI-adjacent (a practice's DID): log its last four digits only.
      changed('rule_created', response, { ruleId: rule.id, mailbox, number: `***${rule.toNumber.slice(-4)}` });
      response.status(201).json(ruleDto(rule));
    } catch (error) {
      next(isUniqueViolation(error) ? new ApiError('CONFLICT', 'A rule for this number already exists') : error);
    }
  });

  router.delete('/admin/inbound/rules/:id', write, enabled, async (request, response, next) => {
    try {
      const id = String(request.params['id']);
      if (!(await deps.db.inboundRules.delete(id))) throw new ApiError('NOT_FOUND', 'Rule not found');
      changed('rule_deleted', response, { ruleId: id });
      response.status(204).end();
    } catch (error) {
      next(error);
    }
  });

  return router;
}
