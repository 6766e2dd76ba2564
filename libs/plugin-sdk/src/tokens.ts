/**
 * Dependency-injection tokens for the services a host provides to plugins. They are global
 * symbols (`Symbol.for`), so two copies of the SDK still agree on them.
 */
export const TOKENS = {
  PluginLogger: Symbol.for('faxbot.PluginLogger'),
  PluginConfig: Symbol.for('faxbot.PluginConfig'),
  PluginDataDir: Symbol.for('faxbot.PluginDataDir'),
  PluginDeps: Symbol.for('faxbot.PluginDeps'),
  HostInfo: Symbol.for('faxbot.HostInfo'),
  PluginEvents: Symbol.for('faxbot.PluginEvents'),
  PluginWebhooks: Symbol.for('faxbot.PluginWebhooks'),
  FaxStatusReporter: Symbol.for('faxbot.FaxStatusReporter'),
  PluginStorage: Symbol.for('faxbot.PluginStorage'),
  PluginCache: Symbol.for('faxbot.PluginCache'),
  PluginMetrics: Symbol.for('faxbot.PluginMetrics'),
  PluginDb: Symbol.for('faxbot.PluginDb'),
} as const;
