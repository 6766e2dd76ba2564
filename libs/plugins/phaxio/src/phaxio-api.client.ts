import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import { PhaxioCallError, type PhaxioCallFailure, type PhaxioOperation } from './phaxio-call-failure';
import { readPhaxioFax, type PhaxioFax } from './phaxio-fax';

/** What the client needs of the configuration. */
export interface PhaxioClientSettings {
  baseUrl: string;
  apiKey: string;
  apiSecret: string;
  requestTimeoutMs: number;
}

/** Told about every call's outcome (for health). */
export type PhaxioCallObserver = (outcome: 'ok' | PhaxioCallFailure) => void;

// Error codes of a connection that was never established: the request cannot have reached Phaxio.
const NOT_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ERR_INVALID_URL']);
const MAX_ANSWER_BYTES = 64 * 1024 * 1024;

/**
 * Phaxio's v2.1 REST API as the plugin uses it, over axios with HTTP Basic `apiKey:apiSecret`.
 * Every failure is a {@link PhaxioCallError}; every request is bounded by `requestTimeoutMs` and
 * the caller's abort signal. Owns its connection pools, closed by {@link close}.
 */
export class PhaxioApiClient {
  private readonly http: AxiosInstance;
  private readonly agents = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) };

  constructor(
    private readonly settings: PhaxioClientSettings,
    private readonly observe: PhaxioCallObserver = () => undefined,
  ) {
    this.http = axios.create({
      baseURL: settings.baseUrl.replace(/\/+$/, ''),
      auth: { username: settings.apiKey, password: settings.apiSecret },
      headers: { accept: 'application/json', 'user-agent': 'faxbot-plugin-phaxio/0.1' },
      httpAgent: this.agents.http,
      httpsAgent: this.agents.https,
      // Statuses are interpreted here, not thrown by axios; redirects are never followed with credentials.
      validateStatus: () => true,
      maxRedirects: 0,
      maxBodyLength: Infinity,
      maxContentLength: MAX_ANSWER_BYTES,
      timeout: settings.requestTimeoutMs,
      transitional: { clarifyTimeoutError: true, silentJSONParsing: true, forcedJSONParsing: true },
    });
  }

  /** `POST /faxes`; resolves with the new fax's id. */
  async createFax(form: FormData, signal?: AbortSignal): Promise<string> {
    const response = await this.call('send', { method: 'POST', url: '/faxes', data: form }, signal);
    const id = (response.data as { data?: { id?: unknown } } | null)?.data?.id;
    if ((typeof id !== 'number' || !Number.isSafeInteger(id)) && (typeof id !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(id))) {
      throw new PhaxioCallError('send', { kind: 'lost' });
    }
    return String(id);
  }

  /** `GET /faxes?tag[name]=value`: the faxes Phaxio lists with that tag (its default window: the last week). */
  async findFaxesByTag(name: string, value: string, signal?: AbortSignal): Promise<PhaxioFax[]> {
    const response = await this.call('lookup', { method: 'GET', url: '/faxes', params: { [`tag[${name}]`]: value, direction: 'sent' } }, signal);
    const data = (response.data as { data?: unknown } | null)?.data;
    if (!Array.isArray(data)) throw new PhaxioCallError('lookup', { kind: 'lost' });
    return data.map(readPhaxioFax).filter((fax): fax is PhaxioFax => fax !== null);
  }

  /** `GET /faxes/{id}`. */
  async getFax(id: string, operation: PhaxioOperation = 'status', signal?: AbortSignal): Promise<PhaxioFax> {
    const response = await this.call(operation, { method: 'GET', url: `/faxes/${encodeURIComponent(id)}` }, signal);
    const fax = readPhaxioFax((response.data as { data?: unknown } | null)?.data);
    if (fax === null) throw new PhaxioCallError(operation, { kind: 'lost' });
    return fax;
  }

  /** `POST /faxes/{id}/cancel`. */
  async cancelFax(id: string, signal?: AbortSignal): Promise<void> {
    await this.call('cancel', { method: 'POST', url: `/faxes/${encodeURIComponent(id)}/cancel` }, signal);
  }

  /** `GET /faxes/{id}/file`: the fax document (a PDF). */
  async getFaxFile(id: string, signal?: AbortSignal): Promise<Buffer> {
    const response = await this.call('file', { method: 'GET', url: `/faxes/${encodeURIComponent(id)}/file`, responseType: 'arraybuffer', headers: { accept: 'application/pdf' } }, signal);
    return Buffer.from(response.data as ArrayBuffer);
  }

  /** Closes pooled connections. */
  close(): void {
    this.agents.http.destroy();
    this.agents.https.destroy();
  }

  private async call(
    operation: PhaxioOperation,
    request: { method: 'GET' | 'POST'; url: string; params?: Record<string, string>; data?: FormData; responseType?: 'arraybuffer'; headers?: Record<string, string> },
    signal?: AbortSignal,
  ): Promise<AxiosResponse> {
    const deadline = AbortSignal.timeout(this.settings.requestTimeoutMs);
    let response: AxiosResponse;
    try {
      response = await this.http.request({ ...request, signal: signal === undefined ? deadline : AbortSignal.any([deadline, signal]) });
    } catch (error) {
      const failure = transportFailure(error, deadline.aborted, signal?.aborted === true);
      this.observe(failure);
      throw new PhaxioCallError(operation, failure);
    }
    if (response.status >= 200 && response.status < 300) {
      this.observe('ok');
      return response;
    }
    const failure: PhaxioCallFailure = { kind: 'http', status: response.status, message: phaxioMessage(response.data) };
    this.observe(failure);
    throw new PhaxioCallError(operation, failure);
  }
}

/** Phaxio's `message` from an error answer, used only to classify the refusal. */
function phaxioMessage(data: unknown): string | null {
  if (typeof data === 'object' && data !== null && typeof (data as { message?: unknown }).message === 'string') return (data as { message: string }).message;
  return null;
}

function transportFailure(error: unknown, timedOut: boolean, aborted: boolean): PhaxioCallFailure {
  if (timedOut) return { kind: 'timeout' };
  if (aborted) return { kind: 'aborted' };
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && NOT_CONNECTED.has(code)) return { kind: 'refused' };
  if (code === 'ETIMEDOUT' || code === 'ECONNABORTED') return { kind: 'timeout' };
  return { kind: 'lost' };
}
