import type { Logger } from '@faxbot/audit';
import type { PluginLogger } from '@faxbot/plugin-sdk';

/** Gives a plugin a child of the core logger, tagged with its id; scrubbing is inherited. */
export function createPluginLogger(logger: Logger, pluginId: string, instanceId: string): PluginLogger {
  const child = logger.child({ plugin: pluginId, instance: instanceId });
  return {
    debug: (message, fields) => child.debug(fields ?? {}, message),
    info: (message, fields) => child.info(fields ?? {}, message),
    warn: (message, fields) => child.warn(fields ?? {}, message),
    error: (message, fields) => child.error(fields ?? {}, message),
  };
}
