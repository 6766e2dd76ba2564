/**
 * A configuration value the MCP server cannot start with. The message names the variable and
 * what it must look like, never the value (it may be a key).
 */
export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';

  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}
