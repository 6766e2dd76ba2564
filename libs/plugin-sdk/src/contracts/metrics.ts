/**
 * Labels of one sample: at most 8, names matching `^[a-z][a-z0-9_]{0,39}$` (not `instance`, `plugin`,
 * `job`, `le` or `quantile`), values strings of at most 100 characters.
 *
 * PHI: a label value must never be a phone number, a file name, document content or any other
 * data about a person, nor an unbounded id (job id, provider sid): each distinct value is a new
 * time series kept in memory and sent to the monitoring system. Use a few fixed words
 * (`outcome: 'busy'`). Values with seven or more digits are dropped as possible phone numbers.
 */
export type MetricTags = Readonly<Record<string, string>>;

/** Options of {@link PluginMetrics.histogram}. */
export interface HistogramOptions {
  /**
   * Upper bounds of the buckets, ascending, at most 30. Fixed by the first sample of the metric;
   * later samples must give the same bounds or none. Default: the duration buckets
   * 0.005 0.01 0.025 0.05 0.1 0.25 0.5 1 2.5 5 10.
   */
  buckets?: readonly number[];
}

/**
 * Ends a timer started by {@link PluginMetrics.timer}: records the elapsed time and returns it in
 * seconds. `tags` are added to the tags given at the start (an outcome known only at the end).
 * Only the first call records; later calls return the same duration.
 */
export type StopTimer = (tags?: MetricTags) => number;

/**
 * Metrics of one plugin instance (`deps.metrics`), published in Prometheus format at the gateway's
 * `GET /metrics`. Every name is prefixed with `faxbot_plugin_<pluginId>_` (dashes in the id become
 * underscores) and every sample carries an `instance` label with the instance id, so instances of
 * one plugin share metrics and no plugin can touch another's.
 *
 * Names match `^[a-z][a-z0-9_]{0,63}$`, without a double or trailing underscore and without the
 * suffixes `_total`, `_count`, `_sum`, `_bucket`, `_created` or `_info` (the exposition adds
 * them). A name keeps the kind and the tag names of its first use; a bad name, or a name used with
 * another kind or other tag names, throws an error with `code` `INVALID_NAME`, `INVALID_LABELS` or
 * `METRIC_CONFLICT`. Recording never throws because of a value: a sample with a bad value (not
 * finite, a negative increment, a tag value that looks like a phone number) or one that would
 * exceed the host's limits (distinct tag combinations per metric, metrics per plugin) is dropped
 * and counted in `faxbot_metrics_rejected_samples_total`.
 *
 * All methods return at once; nothing is sent anywhere until Prometheus scrapes the gateway.
 *
 * @example
 * async send(options: SendOptions): Promise<SendResult> {
 *   const stop = this.deps.metrics.timer('api_call', { operation: 'send' });
 *   try {
 *     const result = await this.api.send(options);
 *     this.deps.metrics.increment('faxes_submitted');
 *     return result;
 *   } finally {
 *     stop(); // faxbot_plugin_acme_api_call_seconds{instance="acme",operation="send"}
 *   }
 * }
 */
export interface PluginMetrics {
  /**
   * Adds `by` (finite, not negative; default 1) to the counter `faxbot_plugin_<pluginId>_<name>_total`.
   *
   * @example
   * deps.metrics.increment('callbacks', { verdict: 'rejected' });
   */
  increment(name: string, tags?: MetricTags, by?: number): void;

  /**
   * Sets the gauge `faxbot_plugin_<pluginId>_<name>` to `value` (finite).
   *
   * @example
   * deps.metrics.gauge('open_sessions', this.sessions.size);
   */
  gauge(name: string, value: number, tags?: MetricTags): void;

  /**
   * Records `value` (finite) in the histogram `faxbot_plugin_<pluginId>_<name>`.
   *
   * @example
   * deps.metrics.histogram('pages_per_fax', result.pages ?? 0, {}, { buckets: [1, 2, 5, 10, 20, 50] });
   */
  histogram(name: string, value: number, tags?: MetricTags, options?: HistogramOptions): void;

  /**
   * Starts timing; the returned function records the elapsed seconds in the histogram
   * `faxbot_plugin_<pluginId>_<name>_seconds` (default duration buckets). Do not add `_seconds`
   * yourself: a name already ending in it is used as it is.
   *
   * @example
   * const stop = deps.metrics.timer('login');
   * const session = await this.api.login();
   * stop({ outcome: session ? 'ok' : 'refused' });
   */
  timer(name: string, tags?: MetricTags): StopTimer;
}
