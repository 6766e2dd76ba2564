import type { Readable } from 'node:stream';
import type { ProviderFaxStatus } from './fax-status';
import type { PluginDeps } from './plugin-deps';
import type { WebhookRequest, WebhookResult } from './webhook';

/** Result of a plugin's own configuration check. */
export type ConfigValidationResult = { ok: true } | { ok: false; errors: string[] };

/** A document ready for transmission. Content is PHI: never log it. */
export interface FaxDocument {
  /** `pdf` or `txt` (later versions add `tiff`). */
  type: 'pdf' | 'txt';
  mimeType: string;
  /** Original file name as uploaded; may contain PHI. */
  fileName: string;
  sizeBytes: number;
  /** Opens a fresh stream of the document's bytes; may be called more than once. */
  open(): Readable;
  /** Reads the whole document into memory. */
  read(): Promise<Buffer>;
  /**
   * A short-lived public URL a provider can fetch the document from as PDF (Phaxio's
   * `content_url`, Sinch's `contentUrl`), carrying a random token that expires after `ttlSeconds`
   * (default: the host's `PDF_TOKEN_TTL_MINUTES`). Absent when the host has no public URL.
   * The URL is a secret: never log it.
   */
  createPublicUrl?(options?: { ttlSeconds?: number }): Promise<string>;
  /**
   * The document rendered for a fax line: a multi-page TIFF, 1-bit, CCITT G4, 1728 pixels wide at
   * 204x196 dpi, as Asterisk's `SendFAX` reads it. Absent when the host cannot render.
   */
  toFaxTiff?(): Promise<{ bytes: Buffer; pages: number }>;
}

/** What the host passes to {@link OutboundFaxPlugin.send}. */
export interface SendOptions {
  /** The host's job id, stable across attempts. */
  jobId: string;
  /** Destination in E.164 (`+15551234567`) form. PHI: never log it unmasked. */
  to: string;
  document: FaxDocument;
  /**
   * Key of this attempt. The host reuses the key when it cannot know whether an earlier call went
   * through (a crash mid-send), so a plugin must not transmit twice for one key: pass it to the
   * provider's idempotency feature, or look up what it already sent under it.
   */
  idempotencyKey: string;
  /** Aborted when the host shuts down; a plugin should give up waiting, not half-send. */
  signal?: AbortSignal;
}

/** The provider's answer to a send. */
export interface SendResult {
  /** The provider's id for the fax; used for status lookups and webhook correlation. */
  providerSid: string;
  /** Usually `in_progress`; a provider that finishes synchronously may return a final status. */
  status: ProviderFaxStatus;
  pages?: number;
  /** Present with `FAILED`. */
  errorCode?: string;
  /** Present with `FAILED`; no PHI. */
  error?: string;
}

/** What the host passes to {@link OutboundFaxPlugin.getStatus}. */
export interface StatusQuery {
  jobId: string;
  providerSid: string;
}

/** A provider's view of a fax. */
export interface StatusResult {
  status: ProviderFaxStatus;
  pages?: number;
  errorCode?: string;
  error?: string;
}

/** Common lifecycle of every backend plugin. */
export interface BackendPlugin<TConfig = Record<string, unknown>> {
  /**
   * Checks beyond the manifest's JSON Schema (which the host has already applied, with defaults
   * filled in). No network calls.
   */
  validateConfig(config: TConfig): Promise<ConfigValidationResult>;
  /** Opens connections and starts timers. Called once per instance before any other call. */
  start(config: TConfig, deps: PluginDeps): Promise<void>;
  /** Releases everything `start` acquired. Must be safe to call after a failed start. */
  stop(): Promise<void>;
  /** Cheap liveness check, no secrets in the answer. */
  health?(): Promise<{ status: 'ok' | 'degraded' | 'down'; detail?: string }>;
}

/**
 * A plugin that sends faxes (manifest category `outbound`).
 *
 * Errors: throw {@link FaxbotError}. `retryable: true` means the provider confirmed nothing was
 * sent; any other error leaves the outcome unknown and the host retries with the same key.
 *
 * @example
 * export function createPlugin(): OutboundFaxPlugin<MyConfig> {
 *   return new MyProviderPlugin();
 * }
 */
export interface OutboundFaxPlugin<TConfig = Record<string, unknown>> extends BackendPlugin<TConfig> {
  send(options: SendOptions): Promise<SendResult>;
  getStatus(query: StatusQuery): Promise<StatusResult>;
  /**
   * Cancels a fax the provider has not finished; throw `NOT_SUPPORTED` when impossible (e.g. it
   * already finished), and a retryable error only when the provider could not be asked. Repeating
   * a cancel is a no-op. The host calls it for `POST /fax/{id}/cancel` on a job the provider has.
   */
  cancel?(query: StatusQuery): Promise<void>;
  /**
   * Handles a provider callback delivered to `/webhooks/{instanceId}[/{path}]` (GET, POST or PUT),
   * with the raw body bytes so signatures can be verified. The host sends `response` back to the
   * provider and applies `updates` through its forward-only status machine, finding jobs by
   * `providerSid`. Throw to answer 500 (the provider retries); never trust an unverified body.
   */
  handleWebhook?(request: WebhookRequest): Promise<WebhookResult>;
}

/**
 * What a plugin package's `entry` module exports: a factory called once per configured instance.
 *
 * @example
 * export const createPlugin: PluginFactory = () => new LoopbackPlugin();
 */
export type PluginFactory<TPlugin extends BackendPlugin = BackendPlugin> = () => TPlugin;

/** True when a started plugin implements the outbound contract. */
export function isOutboundFaxPlugin(plugin: BackendPlugin): plugin is OutboundFaxPlugin {
  const candidate = plugin as Partial<OutboundFaxPlugin>;
  return typeof candidate.send === 'function' && typeof candidate.getStatus === 'function';
}
