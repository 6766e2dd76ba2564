import type { HttpMethod, HttpRetryOptions } from '@faxbot/plugin-sdk';

// Methods whose repetition has the same effect as one request (RFC 9110 §9.2.2).
const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set<HttpMethod>(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);
const IDEMPOTENCY_HEADERS = ['idempotency-key', 'x-idempotency-key'];

/** Retry settings with every field resolved. */
export interface RetrySettings {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/** How one request is retried. */
export interface RetryPlan extends RetrySettings {
  /** True when sending the request twice is safe: an idempotent method, or the caller opted in. */
  repeatable: boolean;
}

/**
 * Resolves a request's retry plan. Idempotent methods retry by default; `POST` and `PATCH` only
 * when the caller opts in (`retry: true` or options) or sends an idempotency key, since repeating
 * them could send a fax twice. `retry: false` means one attempt for any method.
 *
 * @example
 * planRetries('POST', { 'idempotency-key': 'k1' }, undefined, defaults).maxAttempts; // defaults.maxAttempts
 */
export function planRetries(
  method: string,
  headers: Readonly<Record<string, string>>,
  retry: boolean | HttpRetryOptions | undefined,
  defaults: RetrySettings,
): RetryPlan {
  const settings = resolveRetrySettings(typeof retry === 'object' ? retry : undefined, defaults);
  const hasKey = IDEMPOTENCY_HEADERS.some((name) => (headers[name] ?? '') !== '');
  const repeatable = IDEMPOTENT_METHODS.has(method) || hasKey || retry === true || typeof retry === 'object';
  return { ...settings, maxAttempts: retry === false || !repeatable ? 1 : settings.maxAttempts, repeatable };
}

/**
 * Merges retry options over resolved settings, ignoring missing and invalid values.
 *
 * @example
 * resolveRetrySettings({ maxAttempts: 5 }, { maxAttempts: 3, baseDelayMs: 250, maxDelayMs: 30_000 }).maxAttempts; // 5
 */
export function resolveRetrySettings(options: HttpRetryOptions | undefined, fallback: RetrySettings): RetrySettings {
  return {
    maxAttempts: positiveInteger(options?.maxAttempts, fallback.maxAttempts),
    baseDelayMs: nonNegative(options?.baseDelayMs, fallback.baseDelayMs),
    maxDelayMs: nonNegative(options?.maxDelayMs, fallback.maxDelayMs),
  };
}

/** True for the statuses that say "not now": 429 and every 5xx. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

function positiveInteger(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value >= 1 ? Math.floor(value) : fallback;
}

function nonNegative(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value >= 0 ? value : fallback;
}
