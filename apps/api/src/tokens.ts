/** Injection tokens of the API's core services (plugins see only the SDK's TOKENS). */
export const API_TOKENS = {
  Config: Symbol.for('faxbot.api.Config'),
  Logger: Symbol.for('faxbot.api.Logger'),
  Database: Symbol.for('faxbot.api.Database'),
  Clock: Symbol.for('faxbot.api.Clock'),
  PluginConfigStore: Symbol.for('faxbot.api.PluginConfigStore'),
  DocumentStorage: Symbol.for('faxbot.api.DocumentStorage'),
  ConversionPool: Symbol.for('faxbot.api.ConversionPool'),
  CacheBackend: Symbol.for('faxbot.api.CacheBackend'),
  Metrics: Symbol.for('faxbot.api.Metrics'),
  /** Opens plugins' own SQL areas (`deps.db.sql`); optional, without it `deps.db.sql` is unavailable. */
  PluginSqlHost: Symbol.for('faxbot.api.PluginSqlHost'),
} as const;
