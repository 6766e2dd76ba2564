import type { FaxStatus } from '@faxbot/plugin-sdk';

// The plain objects repositories return. They are copies, never TypeORM entities, so nothing outside
// this package can lazily load, mutate-and-save or otherwise reach the ORM through them.

/** One outbound fax as the API and worker see it. */
export interface FaxJobRecord {
  id: string;
  toNumber: string;
  fileName: string;
  /** Storage key of the uploaded document. */
  documentKey: string;
  documentType: 'pdf' | 'txt';
  sizeBytes: number;
  status: FaxStatus;
  error: string | null;
  errorCode: string | null;
  pages: number | null;
  /** Name of the backend plugin that sends this fax. */
  backend: string;
  /** The provider's id for the fax, once it accepted it. */
  providerSid: string | null;
  createdAt: Date;
  updatedAt: Date;
  /** Set when the job reached a final status. */
  completedAt: Date | null;
  /**
   * When retention deleted the stored document; null while it exists. `documentKey` keeps its value
   * for history, but nothing is stored under it any more once this is set.
   */
  documentDeletedAt: Date | null;
}

/** What the API knows when it accepts a fax; status and timestamps are set by the repository. */
export type NewFaxJob = Pick<
  FaxJobRecord,
  'id' | 'toNumber' | 'fileName' | 'documentKey' | 'documentType' | 'sizeBytes' | 'backend'
>;

/**
 * Life of one send attempt. `unknown` means the provider call ended without a clear answer (a timeout
 * after the request left), so the fax may or may not have gone out and must not simply be resent.
 */
export type AttemptState = 'sending' | 'sent' | 'failed_retryable' | 'failed_permanent' | 'unknown';

/** One try at handing a fax job to its provider. */
export interface FaxAttemptRecord {
  id: string;
  jobId: string;
  /** 1 for the first attempt of a job, then 2, 3, … */
  attemptNo: number;
  /** Sent to the provider so a repeated request cannot send the fax twice; unique across all attempts. */
  idempotencyKey: string;
  state: AttemptState;
  providerSid: string | null;
  errorCode: string | null;
  error: string | null;
  startedAt: Date;
  finishedAt: Date | null;
}

/** An API key. Only the hash of the secret is stored; `keyId` is the public, non-secret part. */
export interface ApiKeyRecord {
  id: string;
  keyId: string;
  keyHash: string;
  name: string | null;
  owner: string | null;
  scopes: string[];
  note: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

/**
 * One version of a plugin instance's configuration, as the config store wrote it. This package stores
 * `settingsJson` as given and never looks inside: secret values in it are already sealed by the store.
 */
export interface PluginConfigRecord {
  /** Instance id; the default instance of a plugin uses the plugin id. */
  instanceId: string;
  pluginId: string;
  enabled: boolean;
  /** How the instance runs (`in-process`, `worker`, `process`); checked by the config store. */
  isolation: string;
  /** JSON text of the settings object. */
  settingsJson: string;
  /** 1 for the first version of an instance, then 2, 3, … */
  version: number;
  /** When this version was written. */
  updatedAt: Date;
  /** Who wrote this version (an actor name such as `admin:<keyId>` or `migrate-config`). */
  updatedBy: string;
}

/** One received fax. Rows stay after retention deleted the document, for history. */
export interface InboundFaxRecord {
  /** New id (32 hex characters), chosen by the caller. */
  id: string;
  /** Plugin instance id of the backend that received it. */
  backend: string;
  /** The provider's id for the fax; unique together with `backend`. */
  providerSid: string;
  fromNumber: string | null;
  toNumber: string;
  /** The original Faxbot's word; a column so later states (e.g. failed downloads) need no migration. */
  status: 'received';
  pages: number | null;
  sizeBytes: number;
  /** Hex sha256 of the stored PDF. */
  sha256: string;
  /** Storage key of the PDF; null once retention deleted it (or when none was stored). */
  documentKey: string | null;
  /** Mailbox the fax was routed to, by label; kept as written even if the mailbox is deleted later. */
  mailboxLabel: string | null;
  receivedAt: Date;
  /** When retention deletes the document; null keeps it until someone deletes it by hand. */
  retentionUntil: Date | null;
  /** When retention deleted the document; null while it exists. */
  documentDeletedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** What the receiver knows about a new inbound fax; status and timestamps are set by the repository. */
export type NewInboundFax = Omit<InboundFaxRecord, 'status' | 'documentDeletedAt' | 'createdAt' | 'updatedAt'>;

/** Position in the inbound list: the `receivedAt` and `id` of the last item of the previous page. */
export interface InboundCursor {
  receivedAt: Date;
  id: string;
}

/** Which inbound faxes to list; the filters are exact matches and combine with AND. */
export interface InboundFaxFilter {
  toNumber?: string;
  status?: string;
  /** Mailbox label. */
  mailbox?: string;
  /** Page size, a positive integer. */
  limit: number;
  /** Continue after this position; null or absent for the first page. */
  cursor?: InboundCursor | null;
}

/** A named mailbox inbound faxes are routed to. */
export interface MailboxRecord {
  id: string;
  /** Unique name, used by rules and inbound faxes to refer to the mailbox. */
  label: string;
  note: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Routes faxes received on one number to a mailbox; at most one rule per number. */
export interface InboundRuleRecord {
  id: string;
  toNumber: string;
  mailboxLabel: string;
  createdAt: Date;
}

/** What a document token grants access to: an outbound fax job's or an inbound fax's document. */
export type DocumentTokenSubject = 'fax' | 'inbound';

/** A download token for one fax document. Only the token's hash is stored, never the token. */
export interface DocumentTokenRecord {
  id: string;
  subjectKind: DocumentTokenSubject;
  /** Id of the fax job (`fax`) or inbound fax (`inbound`). */
  subjectId: string;
  /** Lower-case hex sha256 of the token. */
  tokenHash: string;
  /** The token is valid strictly before this instant. */
  expiresAt: Date;
  createdAt: Date;
}
