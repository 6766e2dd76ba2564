/** How a send hands the document to Phaxio. */
export type PhaxioDocumentDelivery = 'upload' | 'content_url';

/**
 * Settings of one Phaxio instance, as the host passes them (schema defaults filled in). The three
 * secrets have no default, so they may be absent until configured; `validateConfig` refuses that.
 */
export type PhaxioConfig = {
  /** API key (HTTP Basic user). Secret. */
  apiKey: string;
  /** API secret (HTTP Basic password). Secret. */
  apiSecret: string;
  /** The webhook token from Phaxio's webhook settings: the HMAC key of `X-Phaxio-Signature`. Secret. */
  webhookToken?: string;
  baseUrl: string;
  /** Status callback URL given to Phaxio per fax; '' means `deps.webhooks.url('status')`. */
  callbackUrl: string;
  verifySignature: boolean;
  inboundVerifySignature: boolean;
  documentDelivery: PhaxioDocumentDelivery;
  requestTimeoutMs: number;
  /** Caller id (E.164) shown to the recipient; '' means the account's default. */
  callerId: string;
  /** Up to 50 characters printed at the top of each page; '' means none. */
  headerText: string;
  /** Lifetime of a `content_url` in seconds; 0 means the host's default (`PDF_TOKEN_TTL_MINUTES`). */
  contentUrlTtlSeconds: number;
};

/** The schema defaults of every setting that has one (the secrets have none). */
export const DEFAULT_PHAXIO_CONFIG: Readonly<Omit<PhaxioConfig, 'apiKey' | 'apiSecret' | 'webhookToken'>> = Object.freeze({
  baseUrl: 'https://api.phaxio.com/v2.1',
  callbackUrl: '',
  verifySignature: true,
  inboundVerifySignature: true,
  documentDelivery: 'upload',
  requestTimeoutMs: 30000,
  callerId: '',
  headerText: '',
  contentUrlTtlSeconds: 0,
});
