import { collectDefaultMetrics, Registry } from 'prom-client';
import type { CollectSourceName, CoreMetrics } from './core-metrics';
import { CoreMetricsRecorder } from './core-metrics.recorder';
import { MetricFamilies, type MetricRejection } from './metric-families';
import { checkId } from './metric-naming';
import { MetricsError } from './metrics.error';
import type { PluginMetrics } from './plugin-metrics';
import { PluginMetricsRecorder } from './plugin-metrics.recorder';

/** Limits and hooks of a {@link MetricsRegistry}; every field has a default. */
export interface MetricsRegistryOptions {
  /** Most series one core metric may have. Default 2000. */
  seriesPerCoreMetric?: number;
  /** Most series one plugin metric may have (all instances of the plugin together). Default 200. */
  seriesPerPluginMetric?: number;
  /** Most metric names one plugin may create. Default 50. */
  metricsPerPlugin?: number;
  /** How long a count callback may take during a scrape. Default 2000 ms. */
  collectTimeoutMs?: number;
  /** Also expose prom-client's process metrics (`process_*`, `nodejs_*`). Default false. */
  processMetrics?: boolean;
  /**
   * Hears of dropped samples, once per (source, metric, reason), for a warning in the log. Never
   * given the dropped values, so it cannot leak PHI.
   */
  onReject?: (rejection: MetricRejection) => void;
  /** Hears of a count callback that failed or timed out during a scrape. */
  onCollectError?: (source: CollectSourceName, error: unknown) => void;
}

/** A Prometheus exposition: the body and the `Content-Type` to send it with. */
export interface MetricsText {
  contentType: string;
  body: string;
}

/**
 * All metrics of one gateway, in its own prom-client registry (never the global default one, so
 * two registries, as in tests, share nothing).
 */
export interface MetricsRegistry {
  /**
   * `deps.metrics` for one plugin instance. Throws `INVALID_ARGUMENT` for malformed ids and
   * `CLOSED` after {@link MetricsRegistry.close}.
   */
  forPlugin(pluginId: string, instanceId: string): PluginMetrics;
  /** Recorders for the gateway's own metrics. */
  readonly core: CoreMetrics;
  /** The Prometheus text exposition of every metric; throws `CLOSED` after close. */
  metricsText(): Promise<MetricsText>;
  /** Drops every metric; later samples are ignored. */
  close(): Promise<void>;
}

/**
 * Builds the gateway's metrics registry. Throws `CONFIG_INVALID` for a malformed limit.
 *
 * @example
 * const metrics = createMetricsRegistry({ onReject: (r) => logger.warn('metric sample dropped', { ...r }) });
 * metrics.core.setQueueDepthSource(async () => ({ 'fax.send': await queue.depth() }));
 * const deps = { ...otherDeps, metrics: metrics.forPlugin(pluginId, instanceId) };
 * app.get('/metrics', async (_req, res) => {
 *   const { contentType, body } = await metrics.metricsText();
 *   res.type(contentType).send(body);
 * });
 */
export function createMetricsRegistry(options: MetricsRegistryOptions = {}): MetricsRegistry {
  const limits = {
    seriesPerCoreMetric: positiveInteger(options.seriesPerCoreMetric, 2000, 'seriesPerCoreMetric'),
    seriesPerPluginMetric: positiveInteger(options.seriesPerPluginMetric, 200, 'seriesPerPluginMetric'),
    metricsPerPlugin: positiveInteger(options.metricsPerPlugin, 50, 'metricsPerPlugin'),
    collectTimeoutMs: positiveInteger(options.collectTimeoutMs, 2000, 'collectTimeoutMs'),
  };
  const registry = new Registry();
  let closed = false;
  const isClosed = () => closed;
  const families = new MetricFamilies(registry, options.onReject);
  const core = new CoreMetricsRecorder(
    families,
    { seriesPerMetric: limits.seriesPerCoreMetric, collectTimeoutMs: limits.collectTimeoutMs, onCollectError: options.onCollectError },
    isClosed,
  );
  if (options.processMetrics) collectDefaultMetrics({ register: registry });

  return {
    core,
    forPlugin(pluginId, instanceId) {
      if (closed) throw new MetricsError('CLOSED', 'the metrics registry was closed');
      return new PluginMetricsRecorder(
        families,
        checkId(pluginId, 'the plugin id'),
        checkId(instanceId, 'the instance id'),
        { metricsPerPlugin: limits.metricsPerPlugin, seriesPerMetric: limits.seriesPerPluginMetric },
        isClosed,
      );
    },
    async metricsText() {
      if (closed) throw new MetricsError('CLOSED', 'the metrics registry was closed');
      await core.collect();
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
    async close() {
      closed = true;
      registry.clear();
    },
  };
}

function positiveInteger(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 1) throw new MetricsError('CONFIG_INVALID', `${name} must be a positive integer`);
  return value;
}
