import {
  PLUGIN_INSTANCE_STATES,
  type CollectSourceName,
  type CoreMetrics,
  type CountSource,
  type FaxJobTransitionSample,
  type HttpRequestSample,
  type PluginInstanceStateSample,
  type WebhookDeliverySample,
} from './core-metrics';
import type { MetricFamilies, MetricFamily } from './metric-families';
import { INSTANCE_LABEL, isId } from './metric-naming';

/** Settings of {@link CoreMetricsRecorder}. */
export interface CoreMetricsOptions {
  /** Most series one core metric may have. */
  seriesPerMetric: number;
  /** How long a count callback may take before the scrape goes on without it. */
  collectTimeoutMs: number;
  /** Hears of a count callback that threw, returned something else than counts, or timed out. */
  onCollectError?: (source: CollectSourceName, error: unknown) => void;
}

const HTTP_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
const CORE = 'core';

/** The {@link CoreMetrics} of one registry. */
export class CoreMetricsRecorder implements CoreMetrics {
  private readonly httpRequests: MetricFamily;
  private readonly httpDurations: MetricFamily;
  private readonly jobTransitions: MetricFamily;
  private readonly instanceStates: MetricFamily;
  private readonly webhookDeliveries: MetricFamily;
  private readonly collectFailures: MetricFamily;
  private readonly queueDepths: MetricFamily;
  private readonly faxJobs: MetricFamily;
  private queueDepthSource: CountSource | undefined;
  private faxJobCountSource: CountSource | undefined;

  constructor(
    private readonly families: MetricFamilies,
    private readonly options: CoreMetricsOptions,
    private readonly isClosed: () => boolean,
  ) {
    const core = { owner: CORE, maxSeries: options.seriesPerMetric };
    this.httpRequests = families.define({
      ...core,
      name: 'faxbot_http_requests_total',
      help: 'HTTP requests answered, by method, route template and status.',
      kind: 'counter',
      labelNames: ['method', 'route', 'status'],
    });
    this.httpDurations = families.define({
      ...core,
      name: 'faxbot_http_request_duration_seconds',
      help: 'Time to answer an HTTP request, by method and route template.',
      kind: 'histogram',
      labelNames: ['method', 'route'],
    });
    this.jobTransitions = families.define({
      ...core,
      name: 'faxbot_fax_job_transitions_total',
      help: 'Fax job status changes, by plugin instance and the statuses left (none for a new job) and entered.',
      kind: 'counter',
      labelNames: [INSTANCE_LABEL, 'from', 'to'],
      idLabels: [INSTANCE_LABEL],
    });
    this.instanceStates = families.define({
      ...core,
      name: 'faxbot_instance_state',
      help: 'State of each plugin instance: 1 for the current state, 0 for the others.',
      kind: 'gauge',
      labelNames: ['plugin', INSTANCE_LABEL, 'state'],
      idLabels: ['plugin', INSTANCE_LABEL],
    });
    this.webhookDeliveries = families.define({
      ...core,
      name: 'faxbot_webhook_deliveries_total',
      help: 'Provider webhooks answered, by plugin instance and HTTP status class.',
      kind: 'counter',
      labelNames: [INSTANCE_LABEL, 'status_class'],
      idLabels: [INSTANCE_LABEL],
    });
    this.collectFailures = families.define({
      ...core,
      name: 'faxbot_metrics_collect_failures_total',
      help: 'Count callbacks that failed or timed out during a scrape, by callback.',
      kind: 'counter',
      labelNames: ['source'],
    });
    this.queueDepths = families.define({
      ...core,
      name: 'faxbot_queue_depth',
      help: 'Tasks waiting in each work queue, read at scrape time.',
      kind: 'gauge',
      labelNames: ['queue'],
    });
    this.faxJobs = families.define({
      ...core,
      name: 'faxbot_fax_jobs',
      help: 'Fax jobs in each status, read at scrape time.',
      kind: 'gauge',
      labelNames: ['status'],
    });
  }

  httpRequest(sample: HttpRequestSample): void {
    if (this.isClosed()) return;
    const method = typeof sample.method === 'string' && HTTP_METHODS.has(sample.method.toUpperCase()) ? sample.method.toUpperCase() : 'OTHER';
    if (!isHttpStatus(sample.status)) {
      this.families.reject(CORE, 'faxbot_http_requests_total', 'value');
      return;
    }
    this.families.inc(this.httpRequests, { method, route: sample.route, status: String(sample.status) }, 1, CORE);
    if (sample.durationMs === undefined) return;
    if (typeof sample.durationMs !== 'number' || sample.durationMs < 0) {
      this.families.reject(CORE, 'faxbot_http_request_duration_seconds', 'value');
      return;
    }
    this.families.observe(this.httpDurations, { method, route: sample.route }, sample.durationMs / 1000, CORE);
  }

  faxJobTransition(sample: FaxJobTransitionSample): void {
    if (this.isClosed()) return;
    this.families.inc(this.jobTransitions, { [INSTANCE_LABEL]: sample.instanceId, from: sample.from ?? 'none', to: sample.to }, 1, CORE);
  }

  pluginInstanceState(sample: PluginInstanceStateSample): void {
    if (this.isClosed()) return;
    const { pluginId, instanceId, state } = sample;
    if (!isId(pluginId) || !isId(instanceId) || !(PLUGIN_INSTANCE_STATES as readonly string[]).includes(state)) {
      this.families.reject(CORE, 'faxbot_instance_state', 'label_value');
      return;
    }
    for (const each of PLUGIN_INSTANCE_STATES) {
      this.families.set(this.instanceStates, { plugin: pluginId, [INSTANCE_LABEL]: instanceId, state: each }, each === state ? 1 : 0, CORE);
    }
  }

  pluginInstanceRemoved(instanceId: string): void {
    if (this.isClosed()) return;
    this.families.removeSeries(INSTANCE_LABEL, instanceId);
  }

  webhookDelivery(sample: WebhookDeliverySample): void {
    if (this.isClosed()) return;
    if (!isHttpStatus(sample.status)) {
      this.families.reject(CORE, 'faxbot_webhook_deliveries_total', 'value');
      return;
    }
    this.families.inc(this.webhookDeliveries, { [INSTANCE_LABEL]: sample.instanceId, status_class: `${Math.floor(sample.status / 100)}xx` }, 1, CORE);
  }

  setQueueDepthSource(source: CountSource | undefined): void {
    this.queueDepthSource = source;
  }

  setFaxJobCountSource(source: CountSource | undefined): void {
    this.faxJobCountSource = source;
  }

  /**
   * Refills the callback gauges; the registry awaits it before each exposition, so failures it
   * counts show in the same scrape.
   */
  async collect(): Promise<void> {
    await Promise.all([
      this.collectCounts(this.queueDepths, 'queue', 'queue_depth', this.queueDepthSource),
      this.collectCounts(this.faxJobs, 'status', 'fax_jobs', this.faxJobCountSource),
    ]);
  }

  /**
   * Refills a callback gauge. A callback that fails or is late leaves the
   * gauge without series (stale numbers would look current) and is counted; the scrape goes on.
   */
  private async collectCounts(family: MetricFamily, label: string, name: CollectSourceName, source: CountSource | undefined): Promise<void> {
    this.families.reset(family);
    if (!source) return;
    try {
      const counts = await withTimeout(Promise.resolve().then(source), this.options.collectTimeoutMs, name);
      if (typeof counts !== 'object' || counts === null || Array.isArray(counts)) throw new TypeError(`the ${name} callback must return an object of counts`);
      for (const [key, value] of Object.entries(counts)) this.families.set(family, { [label]: key }, value, CORE);
    } catch (error) {
      this.families.inc(this.collectFailures, { source: name }, 1, CORE);
      try {
        this.options.onCollectError?.(name, error);
      } catch {
        // A failing log hook must not fail the scrape.
      }
    }
  }
}

function isHttpStatus(status: unknown): status is number {
  return typeof status === 'number' && Number.isInteger(status) && status >= 100 && status <= 599;
}

async function withTimeout<T>(promise: Promise<T>, ms: number, name: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`the ${name} callback took longer than ${ms} ms`)), ms);
    timer.unref();
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
