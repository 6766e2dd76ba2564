import { FaxbotApiError } from '@faxbot/api-client';
import { toolErrorFromApi } from '../api-error.mapper';
import { ToolError } from '../tool-error';

/**
 * Like `toolErrorFromApi`, with the messaging routes' own "not enabled" meaning: the API has no
 * messaging plugin running (any more), which a model should report rather than retry.
 */
export function toolErrorFromMessagingApi(error: unknown, notFoundMessage: string): ToolError {
  if (error instanceof FaxbotApiError && error.code === 'NOT_ENABLED') {
    return new ToolError('NOT_ENABLED', `Messaging is not available on this Faxbot server right now (${error.detail}); an administrator has to enable a messaging plugin.`, { cause: error });
  }
  return toolErrorFromApi(error, notFoundMessage);
}
