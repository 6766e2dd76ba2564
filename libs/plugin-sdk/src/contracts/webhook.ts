import type { ProviderFaxStatus } from './fax-status';
import type { ReceivedFax } from './received-fax';

/** A provider callback as the host received it: raw bytes, so signatures can be checked. */
export interface WebhookRequest {
  method: string;
  /** Sub-path after `/webhooks/{instanceId}`, without a leading slash ('' for none). */
  path: string;
  /** The full public URL the provider called (some signature schemes sign it). */
  url: string;
  /** Header names in lower case. */
  headers: Record<string, string | string[] | undefined>;
  query: Record<string, string | string[] | undefined>;
  rawBody: Buffer;
}

/** A status change a webhook reports, applied by the host through its forward-only status machine. */
export interface StatusUpdate {
  providerSid: string;
  status: ProviderFaxStatus;
  pages?: number;
  errorCode?: string;
  error?: string;
}

/** What a plugin answers to a webhook. */
export interface WebhookResult {
  /** HTTP response the provider gets. */
  response: { status: number; body?: unknown; headers?: Record<string, string> };
  /** Status changes of outbound faxes the request reported (verified ones only). */
  updates?: StatusUpdate[];
  /**
   * Faxes the request delivered to us (verified ones only). The host stores each once per
   * `providerSid`: a provider's retry of the same fax changes nothing.
   */
  received?: ReceivedFax[];
}

/**
 * How a plugin reports outbound status it learns outside a webhook, e.g. from an Asterisk AMI
 * event (`deps.faxStatus`). The host applies it through the same forward-only status machine, so
 * duplicate and late reports change nothing.
 *
 * @example
 * await deps.faxStatus.report({ providerSid: 'ami-42', status: 'SUCCESS', pages: 2 });
 */
export interface FaxStatusReporter {
  report(update: StatusUpdate): Promise<void>;
}

/**
 * Public webhook URLs of one plugin instance (`deps.webhooks`), built from the gateway's
 * `PUBLIC_API_URL`. Give them to the provider (at send time or in its console); requests to them
 * reach the instance's `handleWebhook`.
 *
 * @example
 * const callbackUrl = deps.webhooks.url('status'); // https://fax.example.com/webhooks/acme/status
 */
export interface PluginWebhooks {
  /** `<PUBLIC_API_URL>/webhooks/<instanceId>`, plus `/<path>` when given (leading slashes are ignored). */
  url(path?: string): string;
}
