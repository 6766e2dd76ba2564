import { FaxbotApiError } from '@faxbot/api-client';
import { ToolError } from './tool-error';

/**
 * Turns a failure of the Faxbot API into a tool error a model can act on. `FaxbotApiError.detail`
 * is the API's own `{detail}` text, which the API keeps free of PHI, so it may be quoted.
 */
export function toolErrorFromApi(error: unknown, notFoundMessage = 'Not found'): ToolError {
  if (error instanceof ToolError) return error;
  if (!(error instanceof FaxbotApiError)) return new ToolError('INTERNAL', 'Unexpected error in the Faxbot MCP server', { cause: error });
  const cause = { cause: error };
  switch (error.code) {
    case 'UNAUTHORIZED':
      return new ToolError('UNAUTHORIZED', "Invalid API key: the Faxbot API rejected the MCP server's key. Check API_KEY in the MCP server's environment.", cause);
    case 'FORBIDDEN':
      return new ToolError('FORBIDDEN', `The MCP server's API key is not allowed to do this (${error.detail}).`, cause);
    case 'NOT_FOUND':
      return new ToolError('NOT_FOUND', notFoundMessage, cause);
    case 'NOT_ENABLED':
      return new ToolError(
        'NOT_ENABLED',
        'Receiving faxes is not enabled on this Faxbot server (INBOUND_ENABLED=false); an administrator has to turn it on before inbound faxes can be listed or read.',
        cause,
      );
    case 'TOO_LARGE':
      return new ToolError('TOO_LARGE', `File too large for the Faxbot API (${error.detail}).`, cause);
    case 'UNSUPPORTED_TYPE':
      return new ToolError('UNSUPPORTED_TYPE', 'Unsupported file type: only PDF, plain-text (TXT), PNG, JPEG and TIFF documents can be faxed.', cause);
    case 'CONFLICT':
      return new ToolError('CONFLICT', `Not possible in the current state: ${error.detail}`, cause);
    case 'INVALID_INPUT':
      return new ToolError('INVALID_INPUT', `The Faxbot API refused the request: ${error.detail}`, cause);
    case 'UNAVAILABLE':
      return new ToolError('UNAVAILABLE', `The Faxbot API is unavailable (${error.detail}); try again later.`, cause);
    case 'NETWORK':
      return new ToolError('UNAVAILABLE', `${error.detail}; the Faxbot API may be down. Try again later.`, cause);
  }
}
