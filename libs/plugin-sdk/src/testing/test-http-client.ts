import { FaxbotError } from '../errors/faxbot-error';
import type { PluginLogger } from '../contracts/plugin-deps';
import type { HttpFailure, HttpMethod, HttpRequestOptions, HttpResponse, PluginHttpClient } from '../contracts/transports';
import { checkTestEgress } from './test-egress';

/** A request the test HTTP client sent (after the egress check passed). */
export interface RecordedHttpRequest {
  method: HttpMethod;
  /** The full URL, query included: this list never leaves the test. */
  url: string;
}

const MAX_REDIRECTS = 5;

class TestHttpFailure extends Error implements HttpFailure {
  override readonly name = 'HttpFailure' as const;
  readonly attempts = 1;
  constructor(
    message: string,
    readonly status: number | null,
    readonly headers: Readonly<Record<string, string>>,
    readonly networkCode: string | null,
  ) {
    super(message);
  }
}

function headersOf(response: Response): Record<string, string> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers[name] = value;
  });
  return headers;
}

function codeForStatus(status: number): { code: 'PROVIDER_AUTH_FAILED' | 'PROVIDER_REJECTED' | 'PROVIDER_UNAVAILABLE'; retryable: boolean } {
  if (status === 401 || status === 403) return { code: 'PROVIDER_AUTH_FAILED', retryable: false };
  if (status >= 500 || status === 429) return { code: 'PROVIDER_UNAVAILABLE', retryable: true };
  return { code: 'PROVIDER_REJECTED', retryable: false };
}

async function readData(response: Response, responseType: HttpRequestOptions['responseType']): Promise<unknown> {
  if (responseType === 'bytes') return new Uint8Array(await response.arrayBuffer());
  const text = await response.text();
  if (responseType === 'text') return text;
  const json = responseType === 'json' || (response.headers.get('content-type') ?? '').includes('json');
  if (!json) return text;
  if (text === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    if (responseType === 'json') throw new FaxbotError('PROVIDER_UNAVAILABLE', 'response is not valid JSON', { cause });
    return text;
  }
}

/**
 * `deps.http` of {@link createTestDeps}: real requests (Node's `fetch`), the host's egress rule
 * and error codes (`HttpFailure` causes included), redirects checked against the allowed hosts.
 * Unlike the host's client it makes exactly one attempt, so a test sees every request it caused.
 */
export function createTestHttpClient(options: { pluginId: string; allowedHosts: readonly string[]; logger: PluginLogger; requests: RecordedHttpRequest[] }): PluginHttpClient {
  const request = async <T>(init: HttpRequestOptions): Promise<HttpResponse<T>> => {
    const method = init.method ?? 'GET';
    let url = checkTestEgress(init.url, options.allowedHosts, ['http:', 'https:'], options.logger);
    if (init.body !== undefined && init.json !== undefined) throw new FaxbotError('CONFIG_INVALID', 'give either body or json, not both');
    for (const [name, value] of Object.entries(init.query ?? {})) url.searchParams.append(name, String(value));
    const headers: Record<string, string> = { 'user-agent': `faxbot-plugin/${options.pluginId}`, ...(init.json === undefined ? {} : { 'content-type': 'application/json' }), ...init.headers };
    const body = init.json === undefined ? init.body : JSON.stringify(init.json);
    const signals = [AbortSignal.timeout(init.timeoutMs ?? 30_000), ...(init.signal === undefined ? [] : [init.signal])];
    const signal = AbortSignal.any(signals);
    let response: Response;
    for (let redirects = 0; ; redirects += 1) {
      options.requests.push({ method, url: url.href });
      try {
        response = await fetch(url, { method, headers, body: body as NonNullable<Parameters<typeof fetch>[1]>['body'], signal, redirect: 'manual' });
      } catch (cause) {
        const networkCode = signal.aborted ? (init.signal?.aborted === true ? 'aborted' : 'timeout') : (((cause as { cause?: { code?: unknown } }).cause?.code as string | undefined) ?? null);
        const failure = new TestHttpFailure(`request failed: ${networkCode ?? 'network error'}`, null, {}, networkCode);
        if (signal.aborted) throw new FaxbotError('PROVIDER_TIMEOUT', 'no answer in time, or the request was aborted', { cause: failure });
        throw new FaxbotError('PROVIDER_UNAVAILABLE', 'the server could not be reached', { cause: failure, retryable: true });
      }
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || location === null) break;
      if (redirects >= MAX_REDIRECTS) throw new FaxbotError('PROVIDER_REJECTED', 'too many redirects');
      url = checkTestEgress(new URL(location, url).href, options.allowedHosts, ['http:', 'https:'], options.logger);
    }
    const responseHeaders = headersOf(response);
    if (response.status >= 400 && init.throwHttpErrors !== false) {
      const { code, retryable } = codeForStatus(response.status);
      await response.body?.cancel();
      throw new FaxbotError(code, `HTTP ${response.status}`, { cause: new TestHttpFailure(`HTTP ${response.status}`, response.status, responseHeaders, null), retryable });
    }
    return { status: response.status, headers: responseHeaders, data: (await readData(response, init.responseType)) as T, attempts: 1 };
  };
  return {
    request,
    get: (url, init) => request({ ...init, url, method: 'GET' }),
    post: (url, init) => request({ ...init, url, method: 'POST' }),
    put: (url, init) => request({ ...init, url, method: 'PUT' }),
    delete: (url, init) => request({ ...init, url, method: 'DELETE' }),
  };
}
