import { SinchTransportError, type SinchHttp } from './sinch-http';

/** Why no token could be had: the endpoint refused the key, or it could not be reached. */
export class SinchTokenError extends Error {
  override readonly name = 'SinchTokenError';

  constructor(
    /** HTTP status when the endpoint refused the credentials (400/401/403), else null. */
    readonly refusedStatus: number | null,
    /** A short reason without secrets: `HTTP 503`, `timeout`, `ECONNREFUSED`. */
    readonly detail: string,
  ) {
    super(refusedStatus === null ? `token endpoint unavailable (${detail})` : `token endpoint refused the credentials (HTTP ${refusedStatus})`);
  }
}

/** Where and with what to ask for tokens. */
export interface SinchTokenSettings {
  authUrl: string;
  apiKey: string;
  apiSecret: string;
  timeoutMs: number;
}

/** A token is renewed this long before Sinch says it expires (a tenth of short lifetimes). */
const RENEW_EARLY_MS = 60_000;

/**
 * OAuth2 client-credentials tokens for the fax API: fetched once, reused until shortly before
 * they expire, fetched again when the API refuses one ({@link invalidate}). Concurrent callers
 * share one fetch. Remembers whether the endpoint last refused the key, for `health()`.
 */
export class SinchTokenCache {
  private current: { token: string; renewAt: number } | null = null;
  private pending: Promise<string> | null = null;
  private refusal: number | null = null;

  constructor(
    private readonly http: SinchHttp,
    private readonly settings: SinchTokenSettings,
    private readonly signal: AbortSignal,
  ) {}

  /** HTTP status of the endpoint's last refusal of the key, or null after a success. */
  get lastRefusal(): number | null {
    return this.refusal;
  }

  /** A valid token, from the cache when it has one. */
  async token(): Promise<string> {
    if (this.current !== null && Date.now() < this.current.renewAt) return this.current.token;
    this.pending ??= this.fetch().finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  /** Forgets `token` (the API refused it), so the next {@link token} call fetches a new one. */
  invalidate(token: string): void {
    if (this.current?.token === token) this.current = null;
  }

  private async fetch(): Promise<string> {
    const credentials = Buffer.from(`${this.settings.apiKey}:${this.settings.apiSecret}`, 'utf8').toString('base64');
    let response;
    try {
      response = await this.http.request({
        method: 'POST',
        url: this.settings.authUrl,
        headers: { authorization: `Basic ${credentials}`, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: Buffer.from('grant_type=client_credentials'),
        timeoutMs: this.settings.timeoutMs,
        signal: this.signal,
      });
    } catch (error) {
      throw new SinchTokenError(null, error instanceof SinchTransportError ? error.failure : 'error');
    }
    if (response.status === 400 || response.status === 401 || response.status === 403) {
      this.refusal = response.status;
      throw new SinchTokenError(response.status, `HTTP ${response.status}`);
    }
    if (response.status !== 200) throw new SinchTokenError(null, `HTTP ${response.status}`);
    let parsed: { access_token?: unknown; expires_in?: unknown };
    try {
      parsed = JSON.parse(response.body.toString('utf8')) as typeof parsed;
    } catch {
      throw new SinchTokenError(null, 'malformed answer');
    }
    if (typeof parsed.access_token !== 'string' || parsed.access_token === '') throw new SinchTokenError(null, 'answer without a token');
    const lifetimeMs = (typeof parsed.expires_in === 'number' && parsed.expires_in > 0 ? parsed.expires_in : 300) * 1000;
    this.refusal = null;
    this.current = { token: parsed.access_token, renewAt: Date.now() + lifetimeMs - Math.min(RENEW_EARLY_MS, lifetimeMs / 10) };
    return parsed.access_token;
  }
}
