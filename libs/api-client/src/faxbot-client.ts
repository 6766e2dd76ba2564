import axios, { isAxiosError, type AxiosInstance, type AxiosResponse } from 'axios';
import { codeForStatus, FaxbotApiError } from './faxbot-api.error';
import type { CapabilitiesResponse, FaxJob, HealthResponse } from './fax-job';

/** Options for {@link createFaxbotClient}. */
export interface FaxbotClientOptions {
  /** Where the API listens, e.g. `http://localhost:8080` (a path prefix is kept). */
  baseUrl: string;
  /** Sent as `X-API-Key`; leave empty only for an API running with `REQUIRE_API_KEY=false`. */
  apiKey?: string;
  /** Per-request timeout; default 30 000 ms. */
  timeoutMs?: number;
}

/** Per-call options. */
export interface RequestOptions {
  /** Cancels the request; it then fails with code `NETWORK`. */
  signal?: AbortSignal;
}

/** A document to fax. The API decides the type from the bytes (PDF or plain text). */
export interface FaxDocument {
  bytes: Buffer;
  /** File name sent in the multipart part; only informative for the API. */
  fileName: string;
}

/** Input of {@link FaxbotClient.sendFax}. */
export interface SendFaxOptions extends RequestOptions {
  /** Destination: optional `+`, then 6–20 digits (E.164 recommended). */
  to: string;
  document: FaxDocument;
}

/** Typed access to the Faxbot REST API. Every failure is a {@link FaxbotApiError}. */
export interface FaxbotClient {
  /** `GET /health` (no key needed). */
  health(options?: RequestOptions): Promise<HealthResponse>;
  /** `POST /fax` as multipart `to` + `file`; resolves with the queued job. */
  sendFax(options: SendFaxOptions): Promise<FaxJob>;
  /** `GET /fax/{id}`. */
  getFax(id: string, options?: RequestOptions): Promise<FaxJob>;
  /** `GET /plugins/capabilities`: what the running plugin instances can do. */
  capabilities(options?: RequestOptions): Promise<CapabilitiesResponse>;
}

const DEFAULT_TIMEOUT_MS = 30_000;
// API answers are small JSON objects; anything bigger is not the Faxbot API.
const MAX_RESPONSE_BYTES = 1024 * 1024;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isFaxJob(value: unknown): value is FaxJob {
  return isObject(value) && typeof value['id'] === 'string' && typeof value['status'] === 'string';
}

function unexpected(status: number): FaxbotApiError {
  return new FaxbotApiError('UNAVAILABLE', status, 'Unexpected response from the Faxbot API');
}

function networkError(error: unknown, timeoutMs: number): FaxbotApiError {
  const code = isAxiosError(error) ? error.code : undefined;
  if (code === 'ECONNABORTED' || code === 'ETIMEDOUT') {
    return new FaxbotApiError('NETWORK', 0, `The Faxbot API did not answer within ${timeoutMs} ms`, { cause: error });
  }
  if (code === 'ERR_CANCELED') return new FaxbotApiError('NETWORK', 0, 'The request to the Faxbot API was cancelled', { cause: error });
  if (code === 'ERR_FR_MAX_CONTENT_LENGTH_EXCEEDED' || code === 'ERR_BAD_RESPONSE') {
    return new FaxbotApiError('UNAVAILABLE', 0, 'Unexpected response from the Faxbot API', { cause: error });
  }
  return new FaxbotApiError('NETWORK', 0, `Cannot reach the Faxbot API (${code ?? 'connection failed'})`, { cause: error });
}

function errorFromResponse(response: AxiosResponse): FaxbotApiError {
  const body: unknown = response.data;
  const detail = isObject(body) && typeof body['detail'] === 'string' ? body['detail'] : `HTTP ${response.status}`;
  return new FaxbotApiError(codeForStatus(response.status), response.status, detail);
}

/**
 * Creates a client for the Faxbot REST API. Redirects are not followed, so the API key is only
 * ever sent to `baseUrl`.
 *
 * @example
 * const client = createFaxbotClient({ baseUrl: 'http://localhost:8080', apiKey: process.env.API_KEY });
 * const job = await client.sendFax({ to: '+15551234567', document: { bytes, fileName: 'letter.pdf' } });
 * const latest = await client.getFax(job.id);
 */
export function createFaxbotClient(options: FaxbotClientOptions): FaxbotClient {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const http: AxiosInstance = axios.create({
    baseURL: options.baseUrl,
    timeout: timeoutMs,
    maxRedirects: 0,
    maxContentLength: MAX_RESPONSE_BYTES,
    maxBodyLength: Infinity,
    validateStatus: () => true,
    headers: {
      Accept: 'application/json',
      'User-Agent': 'faxbot-api-client/0.1',
      ...(options.apiKey ? { 'X-API-Key': options.apiKey } : {}),
    },
  });

  async function call(request: Parameters<AxiosInstance['request']>[0]): Promise<AxiosResponse> {
    let response: AxiosResponse;
    try {
      response = await http.request(request);
    } catch (error) {
      throw networkError(error, timeoutMs);
    }
    if (response.status < 200 || response.status >= 300) throw errorFromResponse(response);
    return response;
  }

  async function job(request: Parameters<AxiosInstance['request']>[0]): Promise<FaxJob> {
    const response = await call(request);
    if (!isFaxJob(response.data)) throw unexpected(response.status);
    return response.data;
  }

  return {
    async health(callOptions = {}) {
      const response = await call({ method: 'GET', url: '/health', signal: callOptions.signal });
      if (!isObject(response.data) || typeof response.data['status'] !== 'string') throw unexpected(response.status);
      return response.data as unknown as HealthResponse;
    },
    sendFax({ to, document, signal }) {
      const form = new FormData();
      form.append('to', to);
      form.append('file', new Blob([document.bytes]), document.fileName);
      return job({ method: 'POST', url: '/fax', data: form, signal });
    },
    getFax(id, callOptions = {}) {
      return job({ method: 'GET', url: `/fax/${encodeURIComponent(id)}`, signal: callOptions.signal });
    },
    async capabilities(callOptions = {}) {
      const response = await call({ method: 'GET', url: '/plugins/capabilities', signal: callOptions.signal });
      if (!isObject(response.data) || !Array.isArray(response.data['items'])) throw unexpected(response.status);
      return response.data as unknown as CapabilitiesResponse;
    },
  };
}
