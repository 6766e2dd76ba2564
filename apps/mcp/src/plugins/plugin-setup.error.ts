/** Which plugin-system file could not be used, and how. */
export type PluginSetupErrorCode = 'ALLOWLIST_UNREADABLE' | 'ALLOWLIST_INVALID' | 'PLUGINS_CONFIG_UNREADABLE' | 'PLUGINS_CONFIG_INVALID';

/**
 * The allowlist or `mcp-plugins.json` exists but cannot be used. `reasons` lists every problem,
 * each naming the field. The server then loads no plugin at all, and still serves its own tools.
 */
export class PluginSetupError extends Error {
  constructor(
    readonly code: PluginSetupErrorCode,
    readonly path: string,
    readonly reasons: readonly string[],
    options?: { cause?: unknown },
  ) {
    super(`${path}: ${reasons.join('; ')}`, options);
    this.name = 'PluginSetupError';
  }
}
