import { FaxbotError } from '@faxbot/plugin-sdk';
import { ApiError } from '../errors/api-error';

const REFUSED = ['NUMBER_INVALID', 'PROVIDER_REJECTED'];

/**
 * What a failed plugin call means for the API client: a message the provider refuses is a 422, a
 * request the plugin does not support (a stale cursor) a 400, anything else a 503. The plugin's
 * own message is never passed on: it is not the API's to vouch for.
 */
export function apiErrorFromPlugin(error: unknown, notSupported = 'The messaging plugin does not support this request'): ApiError {
  if (error instanceof ApiError) return error;
  if (FaxbotError.is(error) && REFUSED.includes(error.code)) {
    return new ApiError('VALIDATION_FAILED', `Message refused by the messaging provider (${error.code})`, { cause: error });
  }
  if (FaxbotError.is(error) && error.code === 'NOT_SUPPORTED') return new ApiError('BAD_REQUEST', notSupported, { cause: error });
  return new ApiError('SERVICE_UNAVAILABLE', 'Messaging provider unavailable', { cause: error });
}

/** Safe fields describing a plugin failure for a log line: its kind and code, never its text. */
export function failureFields(error: unknown): Record<string, unknown> {
  if (FaxbotError.is(error)) return { code: error.code, retryable: error.retryable };
  return { errorName: error instanceof Error ? error.name : typeof error };
}
