/**
 * Configuration of one Sinch instance. The host fills in the defaults from the manifest's
 * `configSchema` (a spec keeps {@link DEFAULT_SINCH_CONFIG} equal to them), so every field is
 * present by the time the plugin sees it.
 *
 * A type alias rather than an interface so it fits the SDK's `Record<string, unknown>` config slot.
 */
export type SinchConfig = {
  /** Sinch project id; the plugin appends `/projects/{projectId}` to `baseUrl`. */
  projectId: string;
  /** Access key id (falls back to the original `PHAXIO_API_KEY`). */
  apiKey: string;
  /** Access key secret (falls back to `PHAXIO_API_SECRET`). Secret. */
  apiSecret: string;
  /** Fax API base including the version, e.g. `https://fax.api.sinch.com/v3` or a regional host. */
  baseUrl: string;
  /** `oauth` (client-credentials tokens, Sinch's recommendation) or `basic` (key:secret on every call). */
  authMethod: 'oauth' | 'basic';
  /** OAuth2 token endpoint. */
  authUrl: string;
  /** Sender number (E.164) or `''` for the service's default. */
  fromNumber: string;
  /** Sinch fax service id or `''` for the project's default service. */
  serviceId: string;
  /** `upload`: the document travels in the request; `content_url`: Sinch fetches a short-lived public URL. */
  documentDelivery: 'upload' | 'content_url';
  /** Lifetime of the public document URL in `content_url` mode. */
  contentUrlTtlSeconds: number;
  /** Time limit of one HTTP request to Sinch. */
  requestTimeoutMs: number;
  /** User name Sinch must send back on callbacks (embedded in the callback URL). */
  inboundBasicUser: string;
  /** Password Sinch must send back on callbacks. Secret. */
  inboundBasicPass: string;
  /** Key of an `X-Sinch-Signature` HMAC-SHA256 over the callback body (a signing relay; Sinch signs nothing). Secret. */
  inboundHmacSecret: string;
  /** Dangerous opt-out: accept callbacks without any credentials (they are still confirmed with the API). */
  allowUnauthenticatedCallbacks: boolean;
};

/** The defaults declared in `package.json` (`faxbot.configSchema`). */
export const DEFAULT_SINCH_CONFIG: Readonly<SinchConfig> = Object.freeze({
  projectId: '',
  apiKey: '',
  apiSecret: '',
  baseUrl: 'https://fax.api.sinch.com/v3',
  authMethod: 'oauth',
  authUrl: 'https://auth.sinch.com/oauth2/token',
  fromNumber: '',
  serviceId: '',
  documentDelivery: 'upload',
  contentUrlTtlSeconds: 3600,
  requestTimeoutMs: 30_000,
  inboundBasicUser: '',
  inboundBasicPass: '',
  inboundHmacSecret: '',
  allowUnauthenticatedCallbacks: false,
});
