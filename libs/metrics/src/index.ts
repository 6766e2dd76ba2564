export type { HistogramOptions, MetricTags, PluginMetrics, StopTimer } from './plugin-metrics';
export { MetricsError, type MetricsErrorCode } from './metrics.error';
export { createMetricsRegistry, type MetricsRegistry, type MetricsRegistryOptions, type MetricsText } from './create-metrics-registry';
export {
  PLUGIN_INSTANCE_STATES,
  type CollectSourceName,
  type CoreMetrics,
  type CountSource,
  type FaxJobTransitionSample,
  type HttpRequestSample,
  type PluginInstanceState,
  type PluginInstanceStateSample,
  type WebhookDeliverySample,
} from './core-metrics';
export { DEFAULT_BUCKETS, type MetricRejection, type RejectReason } from './metric-families';
export { INSTANCE_LABEL, PHONE_LIKE_DIGITS, PLUGIN_METRIC_PREFIX } from './metric-naming';
