/** States of a plugin instance, as the gateway's admin API reports them. */
export const PLUGIN_INSTANCE_STATES = ['configured', 'starting', 'running', 'degraded', 'failed', 'stopped'] as const;

/** One of {@link PLUGIN_INSTANCE_STATES}. */
export type PluginInstanceState = (typeof PLUGIN_INSTANCE_STATES)[number];

/** One answered HTTP request. */
export interface HttpRequestSample {
  /** Request method; anything but the usual seven is counted as `OTHER`. */
  method: string;
  /** The route template (`/fax/:id`), never the path: a path holds ids. `unmatched` for a 404 without route. */
  route: string;
  /** Response status, 100-599. */
  status: number;
  /** Time to the response, in milliseconds; feeds the duration histogram when given. */
  durationMs?: number;
}

/** A fax job moving from one status to another. */
export interface FaxJobTransitionSample {
  /** The plugin instance the job is sent with. */
  instanceId: string;
  /** Previous status, `null` when the job was just created (recorded as `none`). */
  from: string | null;
  to: string;
}

/** The state a plugin instance has entered. */
export interface PluginInstanceStateSample {
  pluginId: string;
  instanceId: string;
  state: PluginInstanceState;
}

/** A provider webhook the gateway answered for one plugin instance. */
export interface WebhookDeliverySample {
  instanceId: string;
  /** The HTTP status answered, 100-599; recorded as its class (`2xx`). */
  status: number;
}

/** Current counts by name (queue name, fax status), read on each scrape. */
export type CountSource = () => Readonly<Record<string, number>> | Promise<Readonly<Record<string, number>>>;

/** Which count callback failed, as `onCollectError` hears it. */
export type CollectSourceName = 'queue_depth' | 'fax_jobs';

/**
 * Typed recorders for the gateway's own metrics. None of them throws: a bad value drops the
 * sample and counts it in `faxbot_metrics_rejected_samples_total{source="core"}`.
 *
 * | Metric | Type | Labels |
 * | --- | --- | --- |
 * | `faxbot_http_requests_total` | counter | `method`, `route`, `status` |
 * | `faxbot_http_request_duration_seconds` | histogram | `method`, `route` |
 * | `faxbot_fax_job_transitions_total` | counter | `instance`, `from`, `to` |
 * | `faxbot_fax_jobs` | gauge (callback) | `status` |
 * | `faxbot_queue_depth` | gauge (callback) | `queue` |
 * | `faxbot_instance_state` | gauge, 1 for the current state, 0 for the others | `plugin`, `instance`, `state` |
 * | `faxbot_webhook_deliveries_total` | counter | `instance`, `status_class` |
 * | `faxbot_metrics_collect_failures_total` | counter | `source` |
 *
 * @example
 * res.on('finish', () => registry.core.httpRequest({ method: req.method, route: routeTemplate(req), status: res.statusCode, durationMs }));
 * registry.core.setQueueDepthSource(async () => ({ 'fax.send': await queue.depth() }));
 */
export interface CoreMetrics {
  httpRequest(sample: HttpRequestSample): void;
  faxJobTransition(sample: FaxJobTransitionSample): void;
  pluginInstanceState(sample: PluginInstanceStateSample): void;
  /** Removes every series labelled with the instance (core and plugin metrics) once it is deleted. */
  pluginInstanceRemoved(instanceId: string): void;
  webhookDelivery(sample: WebhookDeliverySample): void;
  /** Sets (or, with `undefined`, removes) the callback that reports queue depths by queue name. */
  setQueueDepthSource(source: CountSource | undefined): void;
  /** Sets (or removes) the callback that reports how many fax jobs are in each status. */
  setFaxJobCountSource(source: CountSource | undefined): void;
}
