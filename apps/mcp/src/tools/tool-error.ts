/** Why a tool call failed, for programmatic clients (`_meta["faxbot/error_code"]`) and tests. */
export type ToolErrorCode =
  | 'INVALID_INPUT'
  | 'TOO_LARGE'
  | 'UNSUPPORTED_TYPE'
  | 'NOT_FOUND'
  | 'NOT_ENABLED'
  | 'CONFLICT'
  | 'FILE_UNREADABLE'
  | 'NOT_ALLOWED'
  | 'FETCH_FAILED'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'UNAVAILABLE'
  | 'INTERNAL';

/**
 * A tool failure the model should read and act on. The message is shown to the client as an
 * `isError` tool result, so it says what to change and never contains a phone number, document
 * content, a file path or a key.
 */
export class ToolError extends Error {
  constructor(
    readonly code: ToolErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ToolError';
  }
}
