import type { FaxStatus } from './fax-status';

/** How a job's final status was reached, as `job.completed`, `job.failed` and `job.cancelled` carry it. */
type JobFinished<S extends FaxStatus> = {
  jobId: string;
  /** Plugin instance the job was sent with. */
  backend: string;
  status: S;
  errorCode: string | null;
  pages: number | null;
};

type HttpRequestFacts = {
  /** Id of one logical request, the same across its retries. */
  requestId: string;
  method: string;
  /** Host name only: URLs can carry secrets in paths and query strings. */
  host: string;
};

/**
 * The typed catalogue of events the host emits: event name → payload. Payloads carry ids and
 * non-PHI metadata only — never a phone number, a file name, document content or a secret.
 *
 * Plugins receive these with `deps.events.on(name, handler)`; only the host emits them. A plugin's
 * own events are named `<pluginId>.<name>` instead (see {@link CustomEventPayload}).
 *
 * @example
 * deps.events.on('job.completed', (event) => {
 *   deps.logger.info('job done', { jobId: event.payload.jobId, pages: event.payload.pages });
 * });
 */
export type CoreEventMap = {
  /** An instance's code was imported and handed its configuration (declared; emitted from a later host version). */
  'plugin.loaded': { pluginId: string; instanceId: string; version: string };
  /** An instance finished `start()`. */
  'plugin.started': { pluginId: string; instanceId: string; isolation: 'in-process' | 'worker' | 'process'; ms: number };
  /** An instance was stopped (reconfigured, disabled, or the gateway shut down). */
  'plugin.stopped': { pluginId: string; instanceId: string; reason: 'reload' | 'disable' | 'shutdown' };
  /** An instance failed: invalid configuration, a failed start, or too many crashes. `reason` is scrubbed. */
  'plugin.error': { pluginId: string; instanceId: string; reason: string };
  /** An instance's configuration was saved and the instance is being restarted with it. */
  'plugin.config_changed': { pluginId: string; instanceId: string };
  /** A fax job was accepted and stored (`POST /fax`). */
  'job.created': { jobId: string; backend: string; documentType: 'pdf' | 'txt'; sizeBytes: number };
  /** A job waits for the worker: just created, or a retry after a failed attempt. */
  'job.queued': { jobId: string; backend: string; reason: 'created' | 'retry' };
  /** The worker is making a send attempt. */
  'job.processing': { jobId: string; backend: string; attempt: number };
  /** The job reached `SUCCESS`. */
  'job.completed': JobFinished<'SUCCESS'>;
  /** The job reached `FAILED`. */
  'job.failed': JobFinished<'FAILED'>;
  /** The job reached `cancelled`. */
  'job.cancelled': JobFinished<'cancelled'>;
  /** The provider accepted a send attempt (the fax is on its way, not yet delivered). */
  'fax.sent': { jobId: string; backend: string; attempt: number; providerSid: string };
  /** A send attempt failed; `retryable` says whether the host will try again with a new attempt. */
  'fax.failed': { jobId: string; backend: string; attempt: number; errorCode: string; retryable: boolean };
  /** An inbound fax was stored (once per provider id); `mailbox` is where its number's rule routed it. */
  'fax.received': { inboundId: string; instanceId: string; providerSid: string; pages: number | null; mailbox: string | null };
  /** A job's status changed; `source` says who reported it. */
  'fax.status_changed': { jobId: string; backend: string; status: FaxStatus; providerSid: string | null; source: 'send' | 'poll' | 'webhook' | 'plugin' | 'worker' | 'api' };
  /** A document was written to storage (declared; emitted by the storage layer). */
  'storage.file_created': { key: string; sizeBytes: number };
  /** A document was removed from storage (declared; emitted by the storage layer). */
  'storage.file_deleted': { key: string };
  /** Declared for the transports library. */
  'transport.http.request_started': HttpRequestFacts;
  /** Declared for the transports library. */
  'transport.http.request_completed': HttpRequestFacts & { status: number; ms: number };
  /** Declared for the transports library. */
  'transport.http.request_failed': HttpRequestFacts & { errorCode: string; ms: number };
  /** Declared for the transports library. */
  'transport.http.retry_attempted': HttpRequestFacts & { attempt: number; delayMs: number };
  /** Declared for the transports library. */
  'transport.websocket.connected': { connectionId: string; host: string };
  /** Declared for the transports library: the size, never the content. */
  'transport.websocket.message_received': { connectionId: string; bytes: number };
  /** Declared for the transports library. */
  'transport.websocket.disconnected': { connectionId: string; code: number | null };
  /** Core (non-plugin) configuration changed (declared; the core has no runtime settings yet). */
  'config.changed': { scope: string; version: number | null };
  /** The periodic health check of an instance answered. */
  'health.check': { pluginId: string; instanceId: string; status: 'ok' | 'degraded' | 'down' };
};

/** Name of a core event. */
export type CoreEventType = keyof CoreEventMap;

// A record keyed by every name makes the compiler refuse a name missing from the list (or extra).
const CORE_EVENT_NAMES: Record<CoreEventType, true> = {
  'plugin.loaded': true,
  'plugin.started': true,
  'plugin.stopped': true,
  'plugin.error': true,
  'plugin.config_changed': true,
  'job.created': true,
  'job.queued': true,
  'job.processing': true,
  'job.completed': true,
  'job.failed': true,
  'job.cancelled': true,
  'fax.sent': true,
  'fax.failed': true,
  'fax.received': true,
  'fax.status_changed': true,
  'storage.file_created': true,
  'storage.file_deleted': true,
  'transport.http.request_started': true,
  'transport.http.request_completed': true,
  'transport.http.request_failed': true,
  'transport.http.retry_attempted': true,
  'transport.websocket.connected': true,
  'transport.websocket.message_received': true,
  'transport.websocket.disconnected': true,
  'config.changed': true,
  'health.check': true,
};

/**
 * Every core event name, in catalogue order.
 *
 * @example
 * CORE_EVENT_TYPES.filter((type) => type.startsWith('job.')); // ['job.created', 'job.queued', ...]
 */
export const CORE_EVENT_TYPES: readonly CoreEventType[] = Object.freeze(Object.keys(CORE_EVENT_NAMES) as CoreEventType[]);

/**
 * True when `type` names a core event (which only the host may emit).
 *
 * @example
 * isCoreEventType('job.completed'); // true
 * isCoreEventType('acme.callback_verified'); // false
 */
export function isCoreEventType(type: string): type is CoreEventType {
  return Object.prototype.hasOwnProperty.call(CORE_EVENT_NAMES, type);
}
