import axios, { type AxiosInstance } from 'axios';

/** One HTTP request to Sinch (token endpoint or fax API). */
export interface SinchHttpRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: Buffer;
  timeoutMs: number;
  /** The caller's signal (a send's shutdown signal, the plugin's stop signal). */
  signal?: AbortSignal;
}

/** Sinch's answer, whatever its status; the body is raw bytes. */
export interface SinchHttpResponse {
  status: number;
  contentType: string;
  body: Buffer;
}

/**
 * Why a request got no answer. `unreachable`: no connection was made, and `not_started`: the
 * caller had given up before the request began — Sinch saw nothing either way. `timeout`,
 * `aborted` and `interrupted`: the request may have arrived, the outcome is unknown.
 */
export type SinchTransportFailure = 'unreachable' | 'not_started' | 'timeout' | 'aborted' | 'interrupted';

/**
 * A request that got no HTTP answer. It deliberately keeps only the failure kind and the socket
 * error code: an axios error holds the request's headers (credentials) and body (the document).
 */
export class SinchTransportError extends Error {
  override readonly name = 'SinchTransportError';

  constructor(
    readonly failure: SinchTransportFailure,
    readonly code: string,
  ) {
    super(`sinch transport ${failure} (${code})`);
  }
}

/** Socket errors raised before a connection existed: the request never left this machine. */
const NOT_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);

/**
 * The plugin's HTTP transport: axios with every status returned as data, no redirects (they would
 * carry credentials elsewhere), no proxy from the environment (plugins get no environment in the
 * isolated tiers, so behaviour would differ between tiers) and a hard time limit per request.
 */
export class SinchHttp {
  private readonly client: AxiosInstance = axios.create({
    validateStatus: () => true,
    maxRedirects: 0,
    proxy: false,
    responseType: 'arraybuffer',
    maxBodyLength: Infinity,
    maxContentLength: 100 * 1024 * 1024,
  });

  async request(request: SinchHttpRequest): Promise<SinchHttpResponse> {
    const timeout = AbortSignal.timeout(request.timeoutMs);
    const signal = request.signal === undefined ? timeout : AbortSignal.any([timeout, request.signal]);
    const callerAborted = (): boolean => request.signal?.aborted === true;
    if (callerAborted()) throw new SinchTransportError('not_started', 'ABORTED');
    try {
      const response = await this.client.request<ArrayBuffer>({
        method: request.method,
        url: request.url,
        headers: request.headers,
        data: request.body,
        signal,
      });
      const contentType = response.headers['content-type'];
      return { status: response.status, contentType: typeof contentType === 'string' ? contentType : '', body: Buffer.from(response.data ?? new ArrayBuffer(0)) };
    } catch (error) {
      if (timeout.aborted) throw new SinchTransportError('timeout', 'TIMEOUT');
      if (callerAborted()) throw new SinchTransportError('aborted', 'ABORTED');
      const code = axios.isAxiosError(error) && typeof error.code === 'string' ? error.code : 'UNKNOWN';
      throw new SinchTransportError(NOT_CONNECTED.has(code) ? 'unreachable' : 'interrupted', code);
    }
  }
}
