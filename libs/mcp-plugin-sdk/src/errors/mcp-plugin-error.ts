/**
 * Why a plugin tool refused or failed. The host maps them to the MCP server's error codes:
 * `INVALID_ARGUMENT` → `INVALID_INPUT`, `NOT_FOUND` → `NOT_FOUND`, `UNAVAILABLE` → `UNAVAILABLE`,
 * the rest → `INTERNAL`.
 */
export type McpPluginErrorCode = 'INVALID_ARGUMENT' | 'NOT_FOUND' | 'UNAVAILABLE' | 'UNKNOWN_TOOL' | 'NOT_STARTED' | 'FAILED';

// A registry symbol, so a host with its own copy of the SDK still recognises the error.
const BRAND = Symbol.for('faxbot.McpPluginError');

/**
 * A failure the model should read and act on: its message is shown to the client as the tool's
 * error result, so it says what to change and never repeats PHI (a number, a name).
 *
 * @example
 * throw new McpPluginError('INVALID_ARGUMENT', 'The number has too few digits for country code 1');
 */
export class McpPluginError extends Error {
  readonly [BRAND] = true;

  constructor(
    readonly code: McpPluginErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'McpPluginError';
  }
}

/**
 * True for an {@link McpPluginError} from any copy of the SDK.
 *
 * @example
 * if (isMcpPluginError(caught)) reply(caught.code, caught.message);
 */
export function isMcpPluginError(value: unknown): value is McpPluginError {
  return value instanceof Error && (value as unknown as Record<symbol, unknown>)[BRAND] === true && typeof (value as { code?: unknown }).code === 'string';
}
