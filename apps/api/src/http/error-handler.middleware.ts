import type { ErrorRequestHandler } from 'express';
import type { Logger } from '@faxbot/audit';
import { ApiError, type ApiErrorCode } from '../errors/api-error';

const STATUS_BY_CODE: Record<ApiErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  VALIDATION_FAILED: 422,
  SERVICE_UNAVAILABLE: 503,
};

/** The one place that turns errors into HTTP answers: `{ "detail": ... }`, never a stack trace. */
export function createErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, request, response, _next) => {
    if (error instanceof ApiError) {
      response.status(STATUS_BY_CODE[error.code]).json({ detail: error.detail });
      return;
    }
    // express.json() and friends signal their own problems with a status.
    const status = (error as { status?: unknown; type?: unknown }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const detail = status === 413 ? 'Request body too large' : 'Malformed request body';
      response.status(status).json({ detail });
      return;
    }
    logger.error({ err: error, method: request.method, path: request.path }, 'unhandled error');
    response.status(500).json({ detail: 'Internal Server Error' });
  };
}
