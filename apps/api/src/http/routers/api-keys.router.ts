import express, { Router, type RequestHandler } from 'express';
import type { ApiKeyRecord } from '@faxbot/db';
import type { ApiKeyService, CreateApiKeyInput } from '../../auth/api-key.service';
import type { Scope } from '../../auth/scopes';
import { ApiError } from '../../errors/api-error';
import { principalOf } from '../auth/require-scope.middleware';

const iso = (date: Date | null): string | null => (date === null ? null : date.toISOString());

function toKeyDto(record: ApiKeyRecord): Record<string, unknown> {
  return {
    key_id: record.keyId,
    name: record.name,
    owner: record.owner,
    scopes: record.scopes,
    created_at: iso(record.createdAt),
    last_used_at: iso(record.lastUsedAt),
    expires_at: iso(record.expiresAt),
    revoked_at: iso(record.revokedAt),
    note: record.note,
  };
}

function optionalText(body: Record<string, unknown>, field: string, max: number): string | null {
  const value = body[field];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || value.length > max) throw new ApiError('BAD_REQUEST', `${field} must be a string of at most ${max} characters`);
  return value;
}

/** Validates the JSON body of `POST /admin/api-keys`. */
export function parseCreateKeyBody(body: unknown): CreateApiKeyInput {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new ApiError('BAD_REQUEST', 'Body must be a JSON object');
  const input = body as Record<string, unknown>;
  const scopes = input['scopes'];
  if (scopes !== undefined && (!Array.isArray(scopes) || scopes.length === 0 || !scopes.every((scope) => typeof scope === 'string'))) {
    throw new ApiError('BAD_REQUEST', 'scopes must be a non-empty array of strings');
  }
  let expiresAt: Date | null = null;
  if (input['expires_at'] !== undefined && input['expires_at'] !== null) {
    expiresAt = new Date(String(input['expires_at']));
    if (typeof input['expires_at'] !== 'string' || Number.isNaN(expiresAt.getTime())) throw new ApiError('BAD_REQUEST', 'expires_at must be an ISO-8601 date');
  }
  return {
    name: optionalText(input, 'name', 100),
    owner: optionalText(input, 'owner', 100),
    note: optionalText(input, 'note', 1000),
    scopes: scopes as string[] | undefined,
    expiresAt,
  };
}

/** API key administration (`keys:manage`): create, list, revoke, rotate. */
export function createApiKeysRouter(keys: ApiKeyService, requireScope: (scope: Scope) => RequestHandler): Router {
  const router = Router();
  router.use('/admin/api-keys', requireScope('keys:manage'));

  router.post('/admin/api-keys', express.json({ limit: '16kb' }), async (request, response, next) => {
    try {
      const { record, token } = await keys.create(parseCreateKeyBody(request.body ?? {}), principalOf(response));
      response.json({ key_id: record.keyId, token, name: record.name, owner: record.owner, scopes: record.scopes, expires_at: iso(record.expiresAt) });
    } catch (error) {
      next(error);
    }
  });
  router.get('/admin/api-keys', async (_request, response, next) => {
    try {
      response.json((await keys.list()).map(toKeyDto));
    } catch (error) {
      next(error);
    }
  });
  router.delete('/admin/api-keys/:keyId', async (request, response, next) => {
    try {
      await keys.revoke(String(request.params['keyId']));
      response.json({ status: 'ok' });
    } catch (error) {
      next(error);
    }
  });
  router.post('/admin/api-keys/:keyId/rotate', async (request, response, next) => {
    try {
      const rotated = await keys.rotate(String(request.params['keyId']));
      response.json({ key_id: rotated.keyId, token: rotated.token });
    } catch (error) {
      next(error);
    }
  });
  return router;
}
