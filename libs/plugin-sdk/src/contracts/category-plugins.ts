import type { Readable } from 'node:stream';
import type { BackendPlugin, FaxDocument } from './outbound-fax-plugin';
import type { WebhookRequest, WebhookResult } from './webhook';
export type { ReceivedFax } from './received-fax';


/**
 * A plugin that receives faxes (category `inbound`) through provider callbacks: its
 * `handleWebhook` verifies a delivery and returns the faxes it carried in `received`.
 */
export interface InboundFaxPlugin<TConfig = Record<string, unknown>> extends BackendPlugin<TConfig> {
  handleWebhook(request: WebhookRequest): Promise<WebhookResult>;
}

/** Metadata of a stored object. */
export interface StoredObjectInfo {
  key: string;
  sizeBytes: number;
  createdAt: Date;
}

/** A plugin that stores documents (category `storage`). Keys are opaque strings chosen by the host. */
export interface StoragePlugin<TConfig = Record<string, unknown>> extends BackendPlugin<TConfig> {
  put(key: string, content: Readable | Buffer): Promise<StoredObjectInfo>;
  get(key: string): Promise<Readable>;
  delete(key: string): Promise<void>;
  stat(key: string): Promise<StoredObjectInfo | null>;
  list?(prefix: string): Promise<StoredObjectInfo[]>;
  /** A short-lived URL for direct download, when the backend supports it. */
  signedUrl?(key: string, options: { expiresInSeconds: number }): Promise<string>;
}

/** Who a request comes from, as an auth plugin decides. */
export interface AuthenticatedPrincipal {
  subject: string;
  scopes: string[];
}

/** A plugin that authenticates API requests (category `auth`), e.g. OIDC or LDAP. */
export interface AuthPlugin<TConfig = Record<string, unknown>> extends BackendPlugin<TConfig> {
  /** Returns null when the request carries no credentials this plugin understands. */
  authenticate(request: { headers: Record<string, string | string[] | undefined> }): Promise<AuthenticatedPrincipal | null>;
}

/** A plugin that converts documents (category `transform`), e.g. a faster rasteriser. */
export interface TransformPlugin<TConfig = Record<string, unknown>> extends BackendPlugin<TConfig> {
  /** Target formats this plugin produces, e.g. `['tiff-g4']`. */
  readonly outputs: readonly string[];
  transform(options: { input: FaxDocument; output: string }): Promise<{ bytes: Buffer; mimeType: string; pages: number }>;
}
