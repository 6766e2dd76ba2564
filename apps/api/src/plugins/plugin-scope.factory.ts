import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Container } from 'inversify';
import { TOKENS, type HostInfo, type PluginDeps } from '@faxbot/plugin-sdk';
import type { Logger } from '@faxbot/audit';
import { createPluginLogger } from './plugin-logger.adapter';

/**
 * Builds the child container of one plugin instance: its own logger (tagged, scrubbing), its
 * frozen config, its data folder and host facts. The plugin receives the resolved deps object,
 * never a container.
 */
export async function createPluginScope(options: {
  parent: Container;
  logger: Logger;
  dataDir: string;
  pluginId: string;
  instanceId: string;
  config: Record<string, unknown>;
  host: HostInfo;
}): Promise<{ container: Container; deps: PluginDeps }> {
  const dataDir = join(options.dataDir, 'plugins', options.instanceId);
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const container = new Container({ parent: options.parent, defaultScope: 'Singleton' });
  container.bind(TOKENS.PluginLogger).toConstantValue(createPluginLogger(options.logger, options.pluginId, options.instanceId));
  container.bind(TOKENS.PluginConfig).toConstantValue(Object.freeze({ ...options.config }));
  container.bind(TOKENS.PluginDataDir).toConstantValue(dataDir);
  container.bind(TOKENS.HostInfo).toConstantValue(options.host);
  container.bind<PluginDeps>(TOKENS.PluginDeps).toDynamicValue((context) => ({
    pluginId: options.pluginId,
    instanceId: options.instanceId,
    logger: context.get(TOKENS.PluginLogger),
    dataDir: context.get(TOKENS.PluginDataDir),
    host: context.get(TOKENS.HostInfo),
  }));
  return { container, deps: container.get<PluginDeps>(TOKENS.PluginDeps) };
}
