// The plugin-facing contract lives in the SDK, where plugin authors read it.
export type { HistogramOptions, MetricTags, PluginMetrics, StopTimer } from '@faxbot/plugin-sdk';
