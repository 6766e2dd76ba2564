import type { SinchConfig } from './sinch-config';
import { sinchResponseError, sinchTokenError, sinchTransportError, type SinchOperation } from './sinch-failure';
import { parseSinchFax, type SinchFax } from './sinch-fax';
import { SinchTransportError, type SinchHttp, type SinchHttpResponse } from './sinch-http';
import { SinchTokenCache, SinchTokenError } from './sinch-token.cache';

/** An encoded request body and its content type. */
export interface SinchBody {
  bytes: Buffer;
  contentType: string;
}

/**
 * The fax API of one Sinch project, authenticated with OAuth tokens (refreshed once when the API
 * refuses one) or Basic key:secret. Every failure comes out as a `FaxbotError` mapped for the
 * operation; no error or message carries a credential, a token or a body.
 */
export class SinchApiClient {
  private readonly projectUrl: string;
  private readonly tokens: SinchTokenCache | null;
  private apiRefusal: number | null = null;

  constructor(
    private readonly http: SinchHttp,
    private readonly config: SinchConfig,
    private readonly stopSignal: AbortSignal,
  ) {
    this.projectUrl = `${config.baseUrl.replace(/\/+$/, '')}/projects/${encodeURIComponent(config.projectId)}`;
    this.tokens =
      config.authMethod === 'oauth'
        ? new SinchTokenCache(http, { authUrl: config.authUrl, apiKey: config.apiKey, apiSecret: config.apiSecret, timeoutMs: config.requestTimeoutMs }, stopSignal)
        : null;
  }

  /** HTTP status of the last refusal of our credentials (token endpoint or API), or null. */
  get credentialsRefused(): number | null {
    return this.tokens?.lastRefusal ?? this.apiRefusal;
  }

  /** `POST /faxes`: the Fax object Sinch created. */
  async sendFax(body: SinchBody, signal?: AbortSignal): Promise<SinchFax> {
    const response = await this.call('send', 'POST', '/faxes', { body, signal });
    if (response.status < 200 || response.status > 299) throw sinchResponseError('send', response.status, response.body);
    const fax = parseSinchFax(safeJson(response.body));
    // Sinch answered but we cannot tell which fax it made: unknown outcome, never "nothing sent".
    if (fax === null) throw sinchTransportError('send', new SinchTransportError('interrupted', 'NO_FAX_ID'));
    return fax;
  }

  /** `GET /faxes/{id}`, or null when the project has no such fax. */
  async getFax(id: string): Promise<SinchFax | null> {
    const response = await this.call('lookup', 'GET', `/faxes/${encodeURIComponent(id)}`, { accept: 'application/json' });
    if (response.status === 404) return null;
    if (response.status !== 200) throw sinchResponseError('lookup', response.status, response.body);
    const fax = parseSinchFax(safeJson(response.body));
    if (fax === null) throw sinchResponseError('lookup', 502, Buffer.alloc(0));
    return fax;
  }

  /** `GET /faxes/{id}/file.pdf`, or null when Sinch holds no document for the fax. */
  async getFaxFile(id: string): Promise<Buffer | null> {
    const response = await this.call('lookup', 'GET', `/faxes/${encodeURIComponent(id)}/file.pdf`, { accept: 'application/pdf' });
    if (response.status === 404 || (response.status === 200 && response.body.length === 0)) return null;
    if (response.status !== 200) throw sinchResponseError('lookup', response.status, response.body);
    return response.body;
  }

  /** A token now (OAuth), to check the credentials cheaply; throws the mapped error. */
  async checkCredentials(): Promise<void> {
    if (this.tokens === null) return;
    try {
      await this.tokens.token();
    } catch (error) {
      throw error instanceof SinchTokenError ? sinchTokenError('lookup', error.refusedStatus, error.detail) : error;
    }
  }

  private async call(
    operation: SinchOperation,
    method: 'GET' | 'POST',
    path: string,
    options: { body?: SinchBody; accept?: string; signal?: AbortSignal | undefined },
  ): Promise<SinchHttpResponse> {
    const signal = options.signal === undefined ? this.stopSignal : AbortSignal.any([options.signal, this.stopSignal]);
    const attempt = async (authorization: string): Promise<SinchHttpResponse> => {
      const headers: Record<string, string> = { authorization, accept: options.accept ?? 'application/json' };
      if (options.body !== undefined) headers['content-type'] = options.body.contentType;
      try {
        return await this.http.request({ method, url: `${this.projectUrl}${path}`, headers, body: options.body?.bytes, timeoutMs: this.config.requestTimeoutMs, signal });
      } catch (error) {
        throw error instanceof SinchTransportError ? sinchTransportError(operation, error) : error;
      }
    };
    let response: SinchHttpResponse;
    if (this.tokens === null) {
      response = await attempt(`Basic ${Buffer.from(`${this.config.apiKey}:${this.config.apiSecret}`, 'utf8').toString('base64')}`);
    } else {
      const token = await this.token(operation);
      response = await attempt(`Bearer ${token}`);
      if (response.status === 401) {
        // A 401 means the request was refused before any work, so repeating it (even a send) is
        // safe; a token revoked or expired early gets exactly one fresh try.
        this.tokens.invalidate(token);
        response = await attempt(`Bearer ${await this.token(operation)}`);
      }
    }
    this.apiRefusal = response.status === 401 || response.status === 403 ? response.status : null;
    return response;
  }

  private async token(operation: SinchOperation): Promise<string> {
    try {
      return await (this.tokens as SinchTokenCache).token();
    } catch (error) {
      throw error instanceof SinchTokenError ? sinchTokenError(operation, error.refusedStatus, error.detail) : error;
    }
  }
}

function safeJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return null;
  }
}
