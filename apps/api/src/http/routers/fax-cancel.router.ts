import { Router, type RequestHandler } from 'express';
import type { Logger } from '@faxbot/audit';
import type { Scope } from '../../auth/scopes';
import { ApiError } from '../../errors/api-error';
import type { CancelFaxOutcome, CancelFaxUseCase } from '../../fax/cancel-fax.use-case';
import { toFaxJobDto } from '../../fax/fax-job.dto';
import { principalOf } from '../auth/require-scope.middleware';

/** Services the cancel route uses. */
export interface FaxCancelRouterDeps {
  cancelFax: CancelFaxUseCase;
  requireScope: (scope: Scope) => RequestHandler;
  logger: Logger;
}

/** The error a cancel that changed nothing answers with; every one leaves the job as it was. */
function refusalOf(outcome: Exclude<CancelFaxOutcome, { kind: 'cancelled' }>): ApiError {
  switch (outcome.kind) {
    case 'not_found':
      return new ApiError('NOT_FOUND', 'Job not found');
    case 'finished':
      return new ApiError('CONFLICT', `Job already finished with status ${outcome.job.status}; nothing to cancel`);
    case 'handing_over':
      return new ApiError('CONFLICT', 'Job is being handed to its provider right now; try again in a few seconds');
    case 'unsupported':
      return new ApiError('CONFLICT', `Job is already with its provider (${outcome.job.backend}), which cannot cancel a fax`);
    case 'refused':
      return new ApiError('CONFLICT', `The provider refused to cancel the fax: ${outcome.reason}`);
    case 'unavailable':
      return new ApiError('SERVICE_UNAVAILABLE', `Could not ask the provider to cancel the fax (${outcome.reason}); the job is unchanged, try again later`);
  }
}

/**
 * `POST /fax/{id}/cancel` (scope `fax:send`): 200 with the cancelled job, 404 for an unknown id,
 * 409 when there is nothing (left) to cancel or the provider refused, 503 when the provider could
 * not be asked. Every request leaves an audit line with the job id and the key id.
 */
export function createFaxCancelRouter(deps: FaxCancelRouterDeps): Router {
  const router = Router();

  router.post('/fax/:id/cancel', deps.requireScope('fax:send'), async (request, response, next) => {
    try {
      const jobId = String(request.params['id']);
      const outcome = await deps.cancelFax.execute(jobId);
      const keyId = principalOf(response).keyId;
      if (outcome.kind === 'cancelled') {
        deps.logger.info({ event: 'fax.cancelled', jobId, keyId, at: outcome.at }, 'fax job cancelled on request');
        response.json(toFaxJobDto(outcome.job));
        return;
      }
      // An unknown id is whatever the caller typed, so it stays out of the log.
      const logged = outcome.kind === 'not_found' ? {} : { jobId };
      deps.logger.info({ event: 'fax.cancel_refused', ...logged, keyId, outcome: outcome.kind }, 'fax cancel request changed nothing');
      throw refusalOf(outcome);
    } catch (error) {
      next(error);
    }
  });

  return router;
}
