import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { isId, isSafeLabelValue } from './metric-naming';
import { MetricsError } from './metrics.error';

/** The Prometheus metric types this package creates. */
export type MetricKind = 'counter' | 'gauge' | 'histogram';

/**
 * Why a sample was dropped instead of recorded:
 * - `label_value`: a label value is not a string of at most 100 characters without control
 *   characters and with fewer than seven digits (a possible phone number), or an id is malformed;
 * - `cardinality`: the metric already has as many series (label combinations) as its limit allows;
 * - `value`: the number is not finite, a counter step is negative, an HTTP status is out of range;
 * - `metric_limit`: the plugin already has as many metrics as its limit allows.
 */
export type RejectReason = 'label_value' | 'cardinality' | 'value' | 'metric_limit';

/** A dropped sample, as `onReject` hears of it: names only, never the rejected values. */
export interface MetricRejection {
  /** `core` or the plugin id. */
  source: string;
  /** Full metric name. */
  metric: string;
  reason: RejectReason;
}

/** How to create a metric family (or check that an existing one matches). */
export interface FamilyDefinition {
  name: string;
  help: string;
  kind: MetricKind;
  /** In the order samples list them; fixed for the life of the family. */
  labelNames: readonly string[];
  /** Labels whose values are gateway ids, checked as ids rather than as free text. */
  idLabels?: readonly string[];
  /** `core` or the owning plugin id; no one else may use the name. */
  owner: string;
  maxSeries: number;
  /** Histogram bounds; with an existing family they must match unless omitted. */
  buckets?: readonly number[];
}

/** One metric family: its definition, the prom-client metric and the series seen so far. */
export interface MetricFamily {
  readonly definition: FamilyDefinition;
  /** JSON arrays of label values, in `labelNames` order. */
  readonly series: Set<string>;
}

type AnyMetric = Counter<string> | Gauge<string> | Histogram<string>;

/** Default histogram bounds, in seconds: prom-client's, suited to request and call durations. */
export const DEFAULT_BUCKETS: readonly number[] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

const REJECTED_SAMPLES = 'faxbot_metrics_rejected_samples_total';
// Bounds the memory used to report each kind of rejection only once.
const MAX_REPORTED_REJECTIONS = 1000;

/**
 * The metric families of one registry, with the guards every sample passes: label values must be
 * safe (no phone-number-like values, no control characters, bounded length), and a family never
 * grows past its series limit. Dropped samples are counted in
 * `faxbot_metrics_rejected_samples_total{source,reason}` and reported once per
 * (source, metric, reason) to `onReject`.
 */
export class MetricFamilies {
  private readonly families = new Map<string, { family: MetricFamily; metric: AnyMetric }>();
  private readonly owned = new Map<string, number>();
  private readonly reported = new Set<string>();
  private readonly rejected: Counter<string>;

  constructor(
    private readonly registry: Registry,
    private readonly onReject: ((rejection: MetricRejection) => void) | undefined,
  ) {
    this.rejected = new Counter({
      name: REJECTED_SAMPLES,
      help: 'Samples dropped by the metrics guards (bad label values, too many series, bad numbers, too many metrics).',
      labelNames: ['source', 'reason'],
      registers: [registry],
    });
  }

  /** The family named `definition.name`, created if new. Throws when an existing one differs. */
  define(definition: FamilyDefinition): MetricFamily {
    const existing = this.families.get(definition.name);
    if (existing) {
      assertSameFamily(existing.family.definition, definition);
      return existing.family;
    }
    // Store the effective bounds, so a later explicit list equal to the default is no conflict.
    const effective = definition.kind === 'histogram' ? { ...definition, buckets: definition.buckets ?? DEFAULT_BUCKETS } : definition;
    const family: MetricFamily = { definition: effective, series: new Set() };
    this.families.set(definition.name, { family, metric: createMetric(this.registry, effective) });
    this.owned.set(definition.owner, (this.owned.get(definition.owner) ?? 0) + 1);
    return family;
  }

  find(name: string): MetricFamily | undefined {
    return this.families.get(name)?.family;
  }

  /** How many families `owner` has defined. */
  ownedBy(owner: string): number {
    return this.owned.get(owner) ?? 0;
  }

  /** Adds `by` to a counter series; `false` when the sample was dropped. */
  inc(family: MetricFamily, labels: Readonly<Record<string, string>>, by: number, source: string): boolean {
    if (!Number.isFinite(by) || by < 0) return this.reject(source, family.definition.name, 'value');
    if (!this.admit(family, labels, source)) return false;
    (this.metricOf(family) as Counter<string>).inc(labels, by);
    return true;
  }

  /** Sets a gauge series; `false` when the sample was dropped. */
  set(family: MetricFamily, labels: Readonly<Record<string, string>>, value: number, source: string): boolean {
    if (!Number.isFinite(value)) return this.reject(source, family.definition.name, 'value');
    if (!this.admit(family, labels, source)) return false;
    (this.metricOf(family) as Gauge<string>).set(labels, value);
    return true;
  }

  /** Observes a value in a histogram series; `false` when the sample was dropped. */
  observe(family: MetricFamily, labels: Readonly<Record<string, string>>, value: number, source: string): boolean {
    if (!Number.isFinite(value)) return this.reject(source, family.definition.name, 'value');
    if (!this.admit(family, labels, source)) return false;
    (this.metricOf(family) as Histogram<string>).observe(labels, value);
    return true;
  }

  /** Removes every series of a family (before a collect callback refills it). */
  reset(family: MetricFamily): void {
    this.metricOf(family).reset();
    family.series.clear();
  }

  /** Removes the series whose `label` is `value` from every family that has that label. */
  removeSeries(label: string, value: string): void {
    for (const { family, metric } of this.families.values()) {
      const index = family.definition.labelNames.indexOf(label);
      if (index < 0) continue;
      for (const key of family.series) {
        const values = JSON.parse(key) as string[];
        if (values[index] !== value) continue;
        metric.remove(Object.fromEntries(family.definition.labelNames.map((name, i) => [name, values[i]])));
        family.series.delete(key);
      }
    }
  }

  /** Counts a dropped sample and reports it once; always `false`, for `return this.reject(…)`. */
  reject(source: string, metric: string, reason: RejectReason): false {
    this.rejected.inc({ source, reason });
    const key = JSON.stringify([source, metric, reason]);
    if (this.onReject && !this.reported.has(key) && this.reported.size < MAX_REPORTED_REJECTIONS) {
      this.reported.add(key);
      try {
        this.onReject({ source, metric, reason });
      } catch {
        // A failing log hook must not turn a metric call into an exception.
      }
    }
    return false;
  }

  /** Checks label values and the series limit; adds the series when it is new. */
  private admit(family: MetricFamily, labels: Readonly<Record<string, string>>, source: string): boolean {
    const { labelNames, idLabels = [], maxSeries, name } = family.definition;
    const values: string[] = [];
    for (const label of labelNames) {
      const value = labels[label];
      if (!(idLabels.includes(label) ? isId(value) : isSafeLabelValue(value))) return this.reject(source, name, 'label_value');
      values.push(value);
    }
    const key = JSON.stringify(values);
    if (family.series.has(key)) return true;
    if (family.series.size >= maxSeries) return this.reject(source, name, 'cardinality');
    family.series.add(key);
    return true;
  }

  private metricOf(family: MetricFamily): AnyMetric {
    const entry = this.families.get(family.definition.name);
    if (!entry) throw new MetricsError('INVALID_ARGUMENT', `no metric ${family.definition.name} in this registry`);
    return entry.metric;
  }
}

function createMetric(registry: Registry, definition: FamilyDefinition): AnyMetric {
  const { name, help, labelNames } = definition;
  const common = { name, help, labelNames: [...labelNames], registers: [registry] };
  switch (definition.kind) {
    case 'counter':
      return new Counter(common);
    case 'gauge':
      return new Gauge(common);
    case 'histogram':
      return new Histogram(definition.buckets ? { ...common, buckets: [...definition.buckets] } : common);
  }
}

function assertSameFamily(existing: FamilyDefinition, wanted: FamilyDefinition): void {
  if (existing.owner !== wanted.owner) {
    throw new MetricsError('METRIC_CONFLICT', `metric ${wanted.name} belongs to ${existing.owner === 'core' ? 'the gateway' : `plugin ${existing.owner}`}`);
  }
  if (existing.kind !== wanted.kind) throw new MetricsError('METRIC_CONFLICT', `metric ${wanted.name} is a ${existing.kind}, not a ${wanted.kind}`);
  if (existing.labelNames.join() !== wanted.labelNames.join()) {
    throw new MetricsError('INVALID_LABELS', `metric ${wanted.name} has the labels [${existing.labelNames.join(', ')}], not [${wanted.labelNames.join(', ')}]`);
  }
  if (wanted.buckets && existing.buckets?.join() !== wanted.buckets.join()) {
    throw new MetricsError('METRIC_CONFLICT', `histogram ${wanted.name} already has other buckets`);
  }
}
