import type { MetricFamilies, MetricFamily, MetricKind } from './metric-families';
import { checkBuckets, checkPluginMetricName, checkTagNames, INSTANCE_LABEL, pluginMetricPrefix } from './metric-naming';
import type { HistogramOptions, MetricTags, PluginMetrics, StopTimer } from './plugin-metrics';

/** Limits that apply to every plugin's metrics. */
export interface PluginMetricLimits {
  /** Most metric names one plugin (all its instances together) may create. */
  metricsPerPlugin: number;
  /** Most series (tag combinations, instances included) one plugin metric may have. */
  seriesPerMetric: number;
}

/**
 * `deps.metrics` of one plugin instance. Names become `faxbot_plugin_<pluginId>_<name>` (plus
 * `_total` for counters, `_seconds` for timers), owned by the plugin: another plugin using the
 * same full name is refused. Every sample gets `instance="<instanceId>"`.
 */
export class PluginMetricsRecorder implements PluginMetrics {
  private readonly prefix: string;

  constructor(
    private readonly families: MetricFamilies,
    private readonly pluginId: string,
    private readonly instanceId: string,
    private readonly limits: PluginMetricLimits,
    private readonly isClosed: () => boolean,
  ) {
    this.prefix = pluginMetricPrefix(pluginId);
  }

  increment(name: string, tags?: MetricTags, by = 1): void {
    const fullName = `${this.prefix}${checkPluginMetricName(name)}_total`;
    this.record('counter', fullName, tags, undefined, (family, labels) => this.families.inc(family, labels, by, this.pluginId));
  }

  gauge(name: string, value: number, tags?: MetricTags): void {
    const fullName = `${this.prefix}${checkPluginMetricName(name)}`;
    this.record('gauge', fullName, tags, undefined, (family, labels) => this.families.set(family, labels, value, this.pluginId));
  }

  histogram(name: string, value: number, tags?: MetricTags, options: HistogramOptions = {}): void {
    const fullName = `${this.prefix}${checkPluginMetricName(name)}`;
    const buckets = options.buckets === undefined ? undefined : checkBuckets(options.buckets);
    this.record('histogram', fullName, tags, buckets, (family, labels) => this.families.observe(family, labels, value, this.pluginId));
  }

  timer(name: string, tags?: MetricTags): StopTimer {
    checkPluginMetricName(name);
    checkTagNames(tags);
    const fullName = `${this.prefix}${name.endsWith('_seconds') ? name : `${name}_seconds`}`;
    const started = process.hrtime.bigint();
    let seconds: number | undefined;
    return (endTags?: MetricTags) => {
      if (seconds !== undefined) return seconds;
      const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
      seconds = elapsed;
      const merged = endTags === undefined ? tags : { ...tags, ...endTags };
      this.record('histogram', fullName, merged, undefined, (family, labels) => this.families.observe(family, labels, elapsed, this.pluginId));
      return elapsed;
    };
  }

  private record(
    kind: MetricKind,
    fullName: string,
    tags: MetricTags | undefined,
    buckets: readonly number[] | undefined,
    write: (family: MetricFamily, labels: Record<string, string>) => void,
  ): void {
    const tagNames = checkTagNames(tags);
    // After close the gateway is shutting down: a late sample is no error, just not kept.
    if (this.isClosed()) return;
    const labelNames = [INSTANCE_LABEL, ...tagNames];
    if (!this.families.find(fullName) && this.families.ownedBy(this.pluginId) >= this.limits.metricsPerPlugin) {
      this.families.reject(this.pluginId, fullName, 'metric_limit');
      return;
    }
    const family = this.families.define({
      name: fullName,
      help: `${kindWord(kind)} ${fullName.slice(this.prefix.length)} of plugin ${this.pluginId}`,
      kind,
      labelNames,
      idLabels: [INSTANCE_LABEL],
      owner: this.pluginId,
      maxSeries: this.limits.seriesPerMetric,
      buckets,
    });
    write(family, { ...tags, [INSTANCE_LABEL]: this.instanceId });
  }
}

function kindWord(kind: MetricKind): string {
  return kind === 'counter' ? 'Counter' : kind === 'gauge' ? 'Gauge' : 'Histogram';
}
