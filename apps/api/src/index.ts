export { loadConfig, ConfigError, type AppConfig, type WorkerConfig } from './config/app-config';
export { startGateway, type RunningGateway } from './server';
export { discoverPlugins } from './plugins/plugin-discovery';
export type { DiscoveredPlugin, PluginState } from './plugins/plugin-state';
