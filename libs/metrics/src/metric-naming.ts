import { MetricsError } from './metrics.error';

/** The label every plugin sample carries: the plugin instance's id. */
export const INSTANCE_LABEL = 'instance';

/** Start of every plugin metric's name. */
export const PLUGIN_METRIC_PREFIX = 'faxbot_plugin_';

/** Most tags one plugin sample may carry (besides `instance`). */
export const MAX_TAGS = 8;

/** Longest label value, in characters. */
export const MAX_LABEL_VALUE_LENGTH = 100;

/**
 * Fewest digits that make a label value look like a phone number. Such values are dropped: a phone
 * number is PHI, and ids long enough to have this many digits are unbounded anyway.
 */
export const PHONE_LIKE_DIGITS = 7;

const PLUGIN_METRIC_NAME = /^[a-z][a-z0-9_]{0,63}$/;
// The exposition format adds these to series names; a plugin name ending in one would be ambiguous.
const RESERVED_SUFFIXES = ['_total', '_count', '_sum', '_bucket', '_created', '_info'];
const TAG_NAME = /^[a-z][a-z0-9_]{0,39}$/;
// Labels the gateway or Prometheus itself sets.
const RESERVED_TAGS = new Set([INSTANCE_LABEL, 'plugin', 'job', 'le', 'quantile']);
// Plugin and instance ids as the gateway defines them.
const ID = /^[a-z][a-z0-9-]{1,62}$/;
// Any script's decimal digits, so full-width digits count too.
const DIGIT = /\p{Nd}/gu;
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

/** Throws `INVALID_NAME` unless `name` is a valid plugin metric name (before prefix and suffix). */
export function checkPluginMetricName(name: unknown): string {
  if (
    typeof name !== 'string' ||
    !PLUGIN_METRIC_NAME.test(name) ||
    name.includes('__') ||
    name.endsWith('_') ||
    RESERVED_SUFFIXES.some((suffix) => name.endsWith(suffix))
  ) {
    throw new MetricsError(
      'INVALID_NAME',
      `metric names match ${PLUGIN_METRIC_NAME.source}, without a double or trailing underscore or a suffix from ${RESERVED_SUFFIXES.join(' ')}; got ${JSON.stringify(String(name)).slice(0, 80)}`,
    );
  }
  return name;
}

/** The sorted tag names of `tags`; throws `INVALID_LABELS` for malformed, reserved or too many names. */
export function checkTagNames(tags: unknown): string[] {
  if (tags === undefined) return [];
  if (typeof tags !== 'object' || tags === null || Array.isArray(tags)) throw new MetricsError('INVALID_LABELS', 'tags must be an object of strings');
  const names = Object.keys(tags).sort();
  if (names.length > MAX_TAGS) throw new MetricsError('INVALID_LABELS', `at most ${MAX_TAGS} tags per sample`);
  for (const name of names) {
    if (!TAG_NAME.test(name) || RESERVED_TAGS.has(name)) {
      throw new MetricsError('INVALID_LABELS', `tag names match ${TAG_NAME.source} and are not ${[...RESERVED_TAGS].join(', ')}; got ${JSON.stringify(name).slice(0, 60)}`);
    }
  }
  return names;
}

/** Throws `INVALID_ARGUMENT` unless `id` is a gateway plugin or instance id. */
export function checkId(id: unknown, what: string): string {
  if (typeof id !== 'string' || !ID.test(id)) throw new MetricsError('INVALID_ARGUMENT', `${what} must match ${ID.source}`);
  return id;
}

/** True when `id` is a gateway plugin or instance id (for recorders that must not throw). */
export function isId(id: unknown): id is string {
  return typeof id === 'string' && ID.test(id);
}

/** `faxbot_plugin_<pluginId>_`, dashes turned into underscores. */
export function pluginMetricPrefix(pluginId: string): string {
  return `${PLUGIN_METRIC_PREFIX}${pluginId.replace(/-/g, '_')}_`;
}

/**
 * True when `value` may be a label value: a string of at most 100 characters, without control
 * characters and with fewer than seven digits (see {@link PHONE_LIKE_DIGITS}).
 */
export function isSafeLabelValue(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > MAX_LABEL_VALUE_LENGTH || CONTROL_CHARACTER.test(value)) return false;
  return (value.match(DIGIT)?.length ?? 0) < PHONE_LIKE_DIGITS;
}

/** Throws `INVALID_ARGUMENT` unless `buckets` is 1-30 finite, strictly ascending bounds. */
export function checkBuckets(buckets: unknown): number[] {
  if (
    !Array.isArray(buckets) ||
    buckets.length === 0 ||
    buckets.length > 30 ||
    buckets.some((bound, i) => typeof bound !== 'number' || !Number.isFinite(bound) || (i > 0 && bound <= (buckets[i - 1] as number)))
  ) {
    throw new MetricsError('INVALID_ARGUMENT', 'buckets are 1-30 finite numbers in ascending order');
  }
  return [...(buckets as number[])];
}
