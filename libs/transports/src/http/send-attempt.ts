import type { PluginLogger } from '@faxbot/plugin-sdk';
import { isAxiosError, type AxiosInstance } from 'axios';
import { checkEgress } from '../egress/check-egress';
import type { EgressPolicy } from '../egress/egress-policy';

// Errors raised while connecting: the request cannot have reached the server.
const BEFORE_SEND_CODES: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);
const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);
// Credentials that must not follow a redirect to another origin (as fetch does).
const ORIGIN_BOUND_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];

/** What one attempt prepared: the request as it first goes out. */
export interface PreparedRequest {
  url: URL;
  method: string;
  /** Names in lower case. */
  headers: Record<string, string>;
  data: string | Buffer | FormData | undefined;
}

/** How one attempt ended. */
export type AttemptOutcome =
  | { kind: 'response'; status: number; headers: Record<string, string>; body: Buffer }
  | { kind: 'failure'; reason: 'timeout' | 'aborted' | 'closed' | 'too_large'; networkCode: string }
  | { kind: 'failure'; reason: 'network'; networkCode: string; beforeSend: boolean }
  | { kind: 'too_many_redirects'; status: number; headers: Record<string, string> };

/** What the attempt needs from its client. */
export interface AttemptContext {
  axios: AxiosInstance;
  policy: EgressPolicy;
  logger: PluginLogger;
  maxRedirects: number;
  timeoutMs: number;
  /** Aborted when the client closes. */
  lifetime: AbortSignal;
  /** The caller's signal. */
  signal: AbortSignal | undefined;
}

/**
 * Makes one attempt: sends the request and follows redirects (each hop checked against the egress
 * policy, which throws `NOT_SUPPORTED`), all within one deadline. Never throws for HTTP or network
 * failures; the caller decides about retries.
 */
export async function sendAttempt(request: PreparedRequest, context: AttemptContext): Promise<AttemptOutcome> {
  const deadline = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    deadline.abort();
  }, context.timeoutMs);
  const signals = [deadline.signal, context.lifetime, ...(context.signal === undefined ? [] : [context.signal])];
  const signal = AbortSignal.any(signals);
  let { url, method, data } = request;
  const headers = { ...request.headers };
  try {
    for (let hop = 0; ; hop += 1) {
      const response = await context.axios.request<Buffer>({ url: url.href, method, headers: { ...headers }, data, signal });
      const responseHeaders = flattenHeaders(response.headers as Record<string, unknown>);
      const location = responseHeaders['location'];
      if (!REDIRECT_STATUSES.has(response.status) || location === undefined || context.maxRedirects === 0) {
        return { kind: 'response', status: response.status, headers: responseHeaders, body: toBuffer(response.data) };
      }
      const target = URL.canParse(location, url.href) ? new URL(location, url) : null;
      if (target === null) return { kind: 'response', status: response.status, headers: responseHeaders, body: toBuffer(response.data) };
      if (hop >= context.maxRedirects) return { kind: 'too_many_redirects', status: response.status, headers: responseHeaders };
      // Throws NOT_SUPPORTED (logged) for a hop outside the allowlist, before it is contacted.
      const next = checkEgress(target.href, {
        policy: context.policy,
        schemes: ['http:', 'https:'],
        transport: 'http',
        logger: context.logger,
      });
      context.logger.debug('http redirect', { status: response.status, host: next.hostname });
      if ((response.status === 303 && method !== 'HEAD') || ((response.status === 301 || response.status === 302) && method === 'POST')) {
        method = 'GET';
        data = undefined;
        delete headers['content-type'];
        delete headers['content-length'];
      }
      if (next.origin !== url.origin) for (const name of ORIGIN_BOUND_HEADERS) delete headers[name];
      url = next;
    }
  } catch (error) {
    if (!isAxiosError(error)) throw error;
    if (context.lifetime.aborted) return { kind: 'failure', reason: 'closed', networkCode: 'aborted' };
    if (context.signal?.aborted === true) return { kind: 'failure', reason: 'aborted', networkCode: 'aborted' };
    if (timedOut) return { kind: 'failure', reason: 'timeout', networkCode: 'timeout' };
    if (/maxContentLength/.test(error.message)) return { kind: 'failure', reason: 'too_large', networkCode: 'too_large' };
    const code = error.code ?? 'ERR_NETWORK';
    return { kind: 'failure', reason: 'network', networkCode: code, beforeSend: BEFORE_SEND_CODES.has(code) };
  } finally {
    clearTimeout(timer);
  }
}

/** Lower-case names, string values; repeated headers joined with `, `. */
export function flattenHeaders(raw: Record<string, unknown>): Record<string, string> {
  const source = typeof (raw as { toJSON?: unknown }).toJSON === 'function' ? (raw as { toJSON(): Record<string, unknown> }).toJSON() : raw;
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(source)) {
    if (value === undefined || value === null) continue;
    flat[name.toLowerCase()] = Array.isArray(value) ? value.map(String).join(', ') : String(value);
  }
  return flat;
}

function toBuffer(data: unknown): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (data instanceof ArrayBuffer) return Buffer.from(data);
  if (typeof data === 'string') return Buffer.from(data);
  return Buffer.alloc(0);
}
