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
