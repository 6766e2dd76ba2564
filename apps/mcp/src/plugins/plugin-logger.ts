import type { McpPluginLogger } from '@faxbot/mcp-plugin-sdk';
import type { Logger } from '../logging/stderr.logger';

/**
 * The logger a plugin receives: the server's own (JSON on stderr, phone numbers masked, content
 * and secrets redacted), with every line tagged with the plugin id — which the plugin cannot
 * overwrite.
 */
export function createPluginLogger(logger: Logger, pluginId: string): McpPluginLogger {
  const tagged = (level: keyof Logger) => (message: string, fields: Record<string, unknown> = {}) => logger[level](message, { ...fields, plugin: pluginId });
  return { debug: tagged('debug'), info: tagged('info'), warn: tagged('warn'), error: tagged('error') };
}
