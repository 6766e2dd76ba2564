// The plugin-facing contract lives in the SDK, where plugin authors read it.
export type { CacheIncrOptions, CacheSetOptions, PluginCache } from '@faxbot/plugin-sdk';
