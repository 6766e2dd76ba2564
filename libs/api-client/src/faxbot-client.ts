import type { Readable } from 'node:stream';
import axios, { isAxiosError, type AxiosInstance, type AxiosResponse } from 'axios';
import { codeForAnswer, FaxbotApiError, unexpectedAnswer as unexpected } from './faxbot-api.error';
import type { CapabilitiesResponse, FaxJob, HealthResponse } from './fax-job';
import type { InboundFax, InboundPage, InboundToken, ListInboundQuery } from './inbound-fax';
import { createMessagingCalls, type MessagingClient } from './messaging-calls';

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

/** Options of {@link FaxbotClient.listInbound}. */
export interface ListInboundOptions extends ListInboundQuery, RequestOptions {}

/** Options of {@link FaxbotClient.getInboundPdf}. */
export interface DownloadOptions extends RequestOptions {
  /**
   * Largest document accepted, in bytes; default 25 MiB (the API's default `INBOUND_MAX_PDF_MB`).
   * A bigger one fails with code `TOO_LARGE` before more than this many bytes are held.
   */
  maxBytes?: number;
}

/** Typed access to the Faxbot REST API. Every failure is a {@link FaxbotApiError}. */
export interface FaxbotClient extends MessagingClient {
  /** `GET /health` (no key needed). */
  health(options?: RequestOptions): Promise<HealthResponse>;
  /** `POST /fax` as multipart `to` + `file`; resolves with the queued job. */
  sendFax(options: SendFaxOptions): Promise<FaxJob>;
  /** `GET /fax/{id}`. */
  getFax(id: string, options?: RequestOptions): Promise<FaxJob>;
  /**
   * `POST /fax/{id}/cancel` (scope `fax:send`): resolves with the job, now `cancelled`. Fails with
   * `CONFLICT` when there is nothing (left) to cancel or the provider refused, `NOT_FOUND` for an
   * unknown id and `UNAVAILABLE` when the provider could not be asked; the job is then unchanged.
   */
  cancelFax(id: string, options?: RequestOptions): Promise<FaxJob>;
  /** `GET /plugins/capabilities`: what the running plugin instances can do. */
  capabilities(options?: RequestOptions): Promise<CapabilitiesResponse>;
  /** `GET /inbound` (scope `inbound:list`): one page of received faxes, newest first. */
  listInbound(options?: ListInboundOptions): Promise<InboundPage>;
  /** `GET /inbound/{id}` (scope `inbound:read`). */
  getInbound(id: string, options?: RequestOptions): Promise<InboundFax>;
  /** `GET /inbound/{id}/pdf` (scope `inbound:read`): the received document's bytes. */
  getInboundPdf(id: string, options?: DownloadOptions): Promise<Buffer>;
  /** `POST /inbound/{id}/token` (scope `inbound:read`): a download link that needs no API key. */
  createInboundToken(id: string, options?: RequestOptions): Promise<InboundToken>;
}

const DEFAULT_TIMEOUT_MS = 30_000;
// API answers are small JSON objects; anything bigger is not the Faxbot API.
const MAX_RESPONSE_BYTES = 1024 * 1024;
const DEFAULT_MAX_DOCUMENT_BYTES = 25 * 1024 * 1024;
const PDF_MAGIC = Buffer.from('%PDF-', 'latin1');

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isFaxJob(value: unknown): value is FaxJob {
  return isObject(value) && typeof value['id'] === 'string' && typeof value['status'] === 'string';
}

function isInboundFax(value: unknown): value is InboundFax {
  return isObject(value) && typeof value['id'] === 'string' && typeof value['to'] === 'string' && typeof value['status'] === 'string';
}

function isInboundToken(value: unknown): value is InboundToken {
  return isObject(value) && typeof value['token'] === 'string' && typeof value['url'] === 'string' && typeof value['expires_at'] === 'string';
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

function errorFromBody(status: number, body: unknown): FaxbotApiError {
  const detail = isObject(body) && typeof body['detail'] === 'string' ? body['detail'] : undefined;
  return new FaxbotApiError(codeForAnswer(status, detail), status, detail ?? `HTTP ${status}`);
}

function errorFromResponse(response: AxiosResponse): FaxbotApiError {
  return errorFromBody(response.status, response.data);
}

function tooLarge(status: number, maxBytes: number): FaxbotApiError {
  return new FaxbotApiError('TOO_LARGE', status, `The document is larger than ${maxBytes} bytes, the most this client accepts`);
}

/** Reads a response stream, failing with `onTooLarge()` as soon as it passes `maxBytes`. */
function readAtMost(stream: Readable, maxBytes: number, onTooLarge: () => Error): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    let settled = false;
    const fail = (error: unknown): void => {
      if (settled) return;
      settled = true;
      stream.destroy();
      reject(error);
    };
    stream.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > maxBytes) return fail(onTooLarge());
      chunks.push(chunk);
    });
    stream.once('end', () => {
      if (settled) return;
      settled = true;
      resolve(Buffer.concat(chunks));
    });
    stream.once('error', fail);
    stream.once('close', () => fail(new Error('The response ended early')));
  });
}

function queryOf(options: ListInboundQuery): Record<string, string | number> {
  const query: Record<string, string | number> = {};
  if (options.toNumber !== undefined && options.toNumber !== '') query['to_number'] = options.toNumber;
  if (options.status !== undefined && options.status !== '') query['status'] = options.status;
  if (options.mailbox !== undefined && options.mailbox !== '') query['mailbox'] = options.mailbox;
  if (options.limit !== undefined) query['limit'] = options.limit;
  if (options.cursor !== undefined && options.cursor !== '') query['cursor'] = options.cursor;
  return query;
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

  async function inbound(request: Parameters<AxiosInstance['request']>[0]): Promise<InboundFax> {
    const response = await call(request);
    if (!isInboundFax(response.data)) throw unexpected(response.status);
    return response.data;
  }

  // A document download: streamed, so the size limit holds before the bytes are held, and the
  // whole download (not only the wait for headers) is bounded by the timeout.
  async function download(url: string, maxBytes: number, signal: AbortSignal | undefined): Promise<Buffer> {
    const timeout = AbortSignal.timeout(timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    const timedOut = (): FaxbotApiError => new FaxbotApiError('NETWORK', 0, `The Faxbot API did not answer within ${timeoutMs} ms`);
    let response: AxiosResponse<Readable>;
    try {
      response = await http.request<Readable>({ method: 'GET', url, signal: combined, responseType: 'stream', maxContentLength: -1, headers: { Accept: 'application/pdf, application/json' } });
    } catch (error) {
      throw timeout.aborted ? timedOut() : networkError(error, timeoutMs);
    }
    const stream = response.data;
    const readFailure = (error: unknown): FaxbotApiError => {
      if (error instanceof FaxbotApiError) return error;
      if (timeout.aborted) return timedOut();
      if (signal?.aborted) return new FaxbotApiError('NETWORK', 0, 'The request to the Faxbot API was cancelled', { cause: error });
      return new FaxbotApiError('NETWORK', 0, 'The connection to the Faxbot API broke off', { cause: error });
    };
    if (response.status < 200 || response.status >= 300) {
      const body = await readAtMost(stream, MAX_RESPONSE_BYTES, () => unexpected(response.status)).catch(() => Buffer.alloc(0));
      let parsed: unknown;
      try {
        parsed = JSON.parse(body.toString('utf8'));
      } catch {
        parsed = undefined;
      }
      throw errorFromBody(response.status, parsed);
    }
    const declared = Number(response.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes) {
      stream.destroy();
      throw tooLarge(response.status, maxBytes);
    }
    let bytes: Buffer;
    try {
      bytes = await readAtMost(stream, maxBytes, () => tooLarge(response.status, maxBytes));
    } catch (error) {
      throw readFailure(error);
    }
    if (!bytes.subarray(0, PDF_MAGIC.length).equals(PDF_MAGIC)) throw unexpected(response.status);
    return bytes;
  }

  return {
    ...createMessagingCalls(call),
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
    cancelFax(id, callOptions = {}) {
      return job({ method: 'POST', url: `/fax/${encodeURIComponent(id)}/cancel`, signal: callOptions.signal });
    },
    async capabilities(callOptions = {}) {
      const response = await call({ method: 'GET', url: '/plugins/capabilities', signal: callOptions.signal });
      if (!isObject(response.data) || !Array.isArray(response.data['items'])) throw unexpected(response.status);
      return response.data as unknown as CapabilitiesResponse;
    },
    async listInbound(listOptions = {}) {
      const response = await call({ method: 'GET', url: '/inbound', params: queryOf(listOptions), signal: listOptions.signal });
      const body: unknown = response.data;
      if (!Array.isArray(body) || !body.every(isInboundFax)) throw unexpected(response.status);
      const next: unknown = response.headers['x-next-cursor'];
      return { items: body, nextCursor: typeof next === 'string' && next !== '' ? next : null };
    },
    getInbound(id, callOptions = {}) {
      return inbound({ method: 'GET', url: `/inbound/${encodeURIComponent(id)}`, signal: callOptions.signal });
    },
    getInboundPdf(id, downloadOptions = {}) {
      return download(`/inbound/${encodeURIComponent(id)}/pdf`, downloadOptions.maxBytes ?? DEFAULT_MAX_DOCUMENT_BYTES, downloadOptions.signal);
    },
    async createInboundToken(id, callOptions = {}) {
      const response = await call({ method: 'POST', url: `/inbound/${encodeURIComponent(id)}/token`, signal: callOptions.signal });
      if (!isInboundToken(response.data)) throw unexpected(response.status);
      return response.data;
    },
  };
}
