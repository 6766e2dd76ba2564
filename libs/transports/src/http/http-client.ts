import { randomUUID } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { setTimeout as delay } from 'node:timers/promises';
import { FaxbotError, type HttpRequestInit, type HttpRequestOptions, type HttpResponse, type HttpRetryOptions, type PluginHttpClient } from '@faxbot/plugin-sdk';
import axios from 'axios';
import { checkEgress } from '../egress/check-egress';
import { createEgressPolicy } from '../egress/egress-policy';
import { backoffDelay } from '../retry/backoff';
import { parseRetryAfter } from '../retry/retry-after';
import { defaultUserAgent, emitSafely, type TransportContext } from '../shared/transport-context';
import { transportError } from '../shared/transport-error';
import { failureError, statusError, type RequestLabel } from './http-errors';
import { prepareRequest } from './prepare-request';
import { readBody } from './read-body';
import { isRetryableStatus, planRetries, resolveRetrySettings, type RetryPlan, type RetrySettings } from './retry-plan';
import { sendAttempt, type AttemptOutcome } from './send-attempt';

/** Client-wide settings; each has a default. */
export interface HttpClientDefaults {
  /** Deadline of one attempt (default 30 000 ms). */
  timeoutMs?: number;
  /** Default 3 attempts, 250 ms first delay, 30 000 ms cap. */
  retry?: HttpRetryOptions;
  /** Sent with every request (a request's own headers win). */
  headers?: Readonly<Record<string, string>>;
  /** Redirects followed per attempt (default 5; 0 returns 3xx responses as they are). */
  maxRedirects?: number;
  /** Largest response body accepted (default 64 MiB). */
  maxResponseBytes?: number;
}

/** Options of {@link createHttpClient}. */
export interface HttpClientOptions extends TransportContext {
  defaults?: HttpClientDefaults;
}

/** The SDK's `PluginHttpClient`, plus `close()` for the host. */
export interface HttpClient extends PluginHttpClient {
  /** Aborts requests in flight (they fail with `PROVIDER_TIMEOUT`), refuses new ones, closes sockets. */
  close(): Promise<void>;
}

const DEFAULT_RETRY: RetrySettings = { maxAttempts: 3, baseDelayMs: 250, maxDelayMs: 30_000 };

/**
 * Builds the HTTP client of one plugin instance (the host hands it out as `deps.http`): axios with
 * keep-alive agents of its own, no proxy from the environment, the manifest's egress allowlist,
 * retries with backoff, and logs and events that carry method, host, path, status, duration and
 * attempt only.
 *
 * @example
 * const client = createHttpClient({ pluginId: 'acme', instanceId: 'acme', allowedHosts: ['api.acme.test'], logger, emit });
 * const { data } = await client.get<{ status: string }>('https://api.acme.test/v1/faxes/42');
 * await client.close();
 */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const policy = createEgressPolicy(options.allowedHosts);
  const defaults = options.defaults ?? {};
  const timeoutMs = defaults.timeoutMs ?? 30_000;
  const retryDefaults = resolveRetrySettings(defaults.retry, DEFAULT_RETRY);
  const maxRedirects = defaults.maxRedirects ?? 5;
  const headerDefaults = { headers: defaults.headers ?? {}, userAgent: defaultUserAgent(options) };
  const agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };
  const instance = axios.create({
    httpAgent: agents.http,
    httpsAgent: agents.https,
    // Egress is decided here, not by HTTP(S)_PROXY variables the plugin did not choose.
    proxy: false,
    // Redirects are followed by sendAttempt, so that every hop passes the egress check.
    maxRedirects: 0,
    maxContentLength: defaults.maxResponseBytes ?? 64 * 1024 * 1024,
    maxBodyLength: Infinity,
    responseType: 'arraybuffer',
    transformResponse: [(data: unknown) => data],
    validateStatus: () => true,
  });
  const lifetime = new AbortController();
  const inFlight = new Set<Promise<unknown>>();
  const { logger } = options;

  async function execute<T>(request: HttpRequestOptions): Promise<HttpResponse<T>> {
    if (lifetime.signal.aborted) throw transportError('NOT_SUPPORTED', 'the HTTP client is closed');
    const method = (request.method ?? 'GET').toUpperCase();
    const requestId = randomUUID();
    const startedAt = performance.now();
    const elapsed = (): number => Math.round(performance.now() - startedAt);
    let url: URL;
    try {
      url = checkEgress(request.url, { policy, schemes: ['http:', 'https:'], transport: 'http', logger });
    } catch (error) {
      const code = FaxbotError.is(error) ? error.code : 'INTERNAL';
      emitSafely(options, 'transport.http.request_failed', { requestId, method, host: hostOf(request.url), errorCode: code, ms: elapsed() });
      throw error;
    }
    const label: RequestLabel = { method, host: url.hostname };
    const facts = { requestId, method, host: url.hostname };
    const logFields = { ...facts, path: request.logPath ?? url.pathname };
    const fail = (error: unknown, attempts: number, status: number | null): never => {
      const errorCode = FaxbotError.is(error) ? error.code : 'INTERNAL';
      logger.warn('http request failed', { ...logFields, errorCode, status, attempts, ms: elapsed() });
      emitSafely(options, 'transport.http.request_failed', { ...facts, errorCode, ms: elapsed() });
      throw error;
    };

    let plan: RetryPlan;
    let prepared: ReturnType<typeof prepareRequest>;
    try {
      prepared = prepareRequest(request, url, method, headerDefaults);
      plan = planRetries(method, prepared.headers, request.retry, retryDefaults);
    } catch (error) {
      return fail(error, 0, null);
    }
    emitSafely(options, 'transport.http.request_started', facts);

    for (let attempt = 1; ; attempt += 1) {
      const attemptStartedAt = performance.now();
      let outcome: AttemptOutcome;
      try {
        outcome = await sendAttempt(prepared, { axios: instance, policy, logger, maxRedirects, timeoutMs: request.timeoutMs ?? timeoutMs, lifetime: lifetime.signal, signal: request.signal });
      } catch (error) {
        // A redirect to a host outside the allowlist (refused before it was contacted), or a request
        // Node would not even build; either way nothing went out.
        const refusal = FaxbotError.is(error) ? error : transportError('CONFIG_INVALID', `${method} ${url.hostname} could not be sent as given`, { cause: error });
        return fail(refusal, attempt, null);
      }
      const attemptMs = Math.round(performance.now() - attemptStartedAt);
      const result = outcome.kind === 'response' ? { status: outcome.status } : { error: outcome.kind === 'failure' ? outcome.networkCode : 'too_many_redirects' };
      logger.debug('http attempt', { ...logFields, ...result, ms: attemptMs, attempt });

      const delayMs = retryDelay(outcome, attempt, plan);
      if (delayMs !== null) {
        emitSafely(options, 'transport.http.retry_attempted', { ...facts, attempt: attempt + 1, delayMs });
        logger.info('http retry scheduled', { ...logFields, ...result, attempt: attempt + 1, delayMs });
        try {
          await delay(delayMs, undefined, { signal: AbortSignal.any(request.signal === undefined ? [lifetime.signal] : [lifetime.signal, request.signal]) });
        } catch {
          return fail(failureError({ kind: 'failure', reason: 'aborted', networkCode: 'aborted' }, attempt, label, plan.repeatable), attempt, null);
        }
        continue;
      }

      if (outcome.kind !== 'response') return fail(failureError(outcome, attempt, label, plan.repeatable), attempt, null);
      if (outcome.status >= 400 && request.throwHttpErrors !== false) {
        return fail(statusError(outcome.status, attempt, outcome.headers, label), attempt, outcome.status);
      }
      let data: unknown;
      try {
        data = method === 'HEAD' ? '' : readBody(outcome.body, outcome.headers['content-type'], request.responseType);
      } catch (error) {
        return fail(error, attempt, outcome.status);
      }
      logger.debug('http request completed', { ...logFields, status: outcome.status, attempts: attempt, ms: elapsed() });
      emitSafely(options, 'transport.http.request_completed', { ...facts, status: outcome.status, ms: elapsed() });
      return { status: outcome.status, headers: outcome.headers, data: data as T, attempts: attempt };
    }
  }

  const request = <T = unknown>(requestOptions: HttpRequestOptions): Promise<HttpResponse<T>> => {
    const running = execute<T>(requestOptions);
    inFlight.add(running);
    const forget = (): void => {
      inFlight.delete(running);
    };
    running.then(forget, forget);
    return running;
  };
  const shortcut =
    (method: 'GET' | 'POST' | 'PUT' | 'DELETE') =>
    <T = unknown>(url: string, init: HttpRequestInit = {}): Promise<HttpResponse<T>> =>
      request<T>({ ...init, url, method });

  return {
    request,
    get: shortcut('GET'),
    post: shortcut('POST'),
    put: shortcut('PUT'),
    delete: shortcut('DELETE'),
    async close(): Promise<void> {
      lifetime.abort();
      await Promise.allSettled([...inFlight]);
      agents.http.destroy();
      agents.https.destroy();
    },
  };
}

/**
 * The wait before the next attempt, or null for none: the attempt succeeded, failed for good, or
 * the plan is spent. A `Retry-After` is honoured (never retried sooner); one longer than the
 * plan's cap ends the retries.
 */
function retryDelay(outcome: AttemptOutcome, attempt: number, plan: RetryPlan): number | null {
  if (attempt >= plan.maxAttempts) return null;
  const backoff = backoffDelay(attempt, plan);
  if (outcome.kind === 'failure') return outcome.reason === 'timeout' || outcome.reason === 'network' ? backoff : null;
  if (outcome.kind !== 'response' || !isRetryableStatus(outcome.status)) return null;
  const retryAfter = parseRetryAfter(outcome.headers['retry-after']);
  if (retryAfter === null) return backoff;
  return retryAfter > plan.maxDelayMs ? null : Math.max(backoff, retryAfter);
}

/** The host of a URL that may not parse, for events about refused requests. */
function hostOf(raw: string): string {
  return URL.canParse(raw) ? new URL(raw).hostname : '';
}
