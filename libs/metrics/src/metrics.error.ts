/**
 * Why a metrics call was refused. Only mistakes in what the code says throw (a name, tag names,
 * a kind); problems with recorded values never throw, they drop the sample (see `RejectReason`).
 *
 * - `INVALID_NAME`: a metric name does not follow the naming rules.
 * - `INVALID_LABELS`: tag names are malformed, reserved, too many, or differ from the metric's first use.
 * - `METRIC_CONFLICT`: the name is already used with another kind, other buckets, or by another owner.
 * - `INVALID_ARGUMENT`: a plugin id, instance id or bucket list is malformed.
 * - `CLOSED`: the registry was closed.
 * - `CONFIG_INVALID`: a registry limit is malformed.
 */
export type MetricsErrorCode = 'INVALID_NAME' | 'INVALID_LABELS' | 'METRIC_CONFLICT' | 'INVALID_ARGUMENT' | 'CLOSED' | 'CONFIG_INVALID';

const BRAND = Symbol.for('faxbot.MetricsError');

/**
 * The one error type this package throws. Messages name metrics and tags, never label values.
 *
 * @example
 * try {
 *   metrics.increment('Bad Name');
 * } catch (error) {
 *   if (MetricsError.is(error) && error.code === 'INVALID_NAME') console.error(error.message);
 * }
 */
export class MetricsError extends Error {
  readonly code: MetricsErrorCode;

  constructor(code: MetricsErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'MetricsError';
    this.code = code;
    Object.defineProperty(this, BRAND, { value: true });
  }

  /** Brand check that also works across two copies of this package. */
  static is(value: unknown): value is MetricsError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }
}
