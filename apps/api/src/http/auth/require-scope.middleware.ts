import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Logger } from '@faxbot/audit';
import type { ApiKeyService } from '../../auth/api-key.service';
import type { Principal } from '../../auth/principal';
import { ALL_SCOPES, hasScope, type Scope } from '../../auth/scopes';
import { ApiError } from '../../errors/api-error';

const DEV_PRINCIPAL: Principal = { keyId: 'dev', scopes: [ALL_SCOPES] };

/** The principal an earlier middleware attached to the request. */
export function principalOf(response: Response): Principal {
  return response.locals['principal'] as Principal;
}

/**
 * Builds the `requireScope(scope)` guard: 401 for a missing or invalid `X-API-Key`, 403 when
 * the key lacks the scope. In development mode (`REQUIRE_API_KEY=false`) every request passes.
 */
export function createScopeGuard(keys: ApiKeyService, requireApiKey: boolean, logger: Logger): (scope: Scope) => RequestHandler {
  return (scope) => async (request: Request, response: Response, next: NextFunction) => {
    try {
      if (!requireApiKey) {
        response.locals['principal'] = DEV_PRINCIPAL;
        return next();
      }
      const principal = await keys.authenticate(request.header('x-api-key'));
      if (principal === null) throw new ApiError('UNAUTHORIZED', 'Invalid or missing API key');
      if (!hasScope(principal.scopes, scope)) {
        logger.warn({ keyId: principal.keyId, required: scope, path: request.path }, 'api key denied: missing scope');
        throw new ApiError('FORBIDDEN', `Insufficient scope: ${scope} required`);
      }
      response.locals['principal'] = principal;
      next();
    } catch (error) {
      next(error);
    }
  };
}
