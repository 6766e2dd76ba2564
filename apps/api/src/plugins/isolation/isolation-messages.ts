import type { FaxbotErrorCode, FaxbotEvent, HostInfo } from '@faxbot/plugin-sdk';

/**
 * Plugin methods that can be called across the isolation boundary. `has()` on an isolated plugin
 * answers for the optional ones, because the proxy itself always defines every method.
 */
export const PLUGIN_METHODS = ['validateConfig', 'start', 'stop', 'health', 'send', 'getStatus', 'cancel', 'handleWebhook'] as const;

/** One of {@link PLUGIN_METHODS}. */
export type PluginMethod = (typeof PLUGIN_METHODS)[number];

/** True when `value` names a method the runner may call. */
export function isPluginMethod(value: unknown): value is PluginMethod {
  return typeof value === 'string' && (PLUGIN_METHODS as readonly string[]).includes(value);
}

/** An error as it crosses the boundary; the host turns it back into a FaxbotError or a plain Error. */
export interface WireError {
  name: string;
  message: string;
  code?: FaxbotErrorCode;
  retryable?: boolean;
  isFaxbotError: boolean;
}

/** A fax document as it crosses the boundary: the bytes themselves, read by the host. */
export interface WireDocument {
  type: 'pdf' | 'txt';
  mimeType: string;
  fileName: string;
  sizeBytes: number;
  bytes: Uint8Array;
  /** Names the host-side document for the child's requests while the send runs. */
  documentId: string;
  /** Host-side members the child may request: `createPublicUrl`, `toFaxTiff`. */
  offers: DocumentRequestOp[];
}

/** What a child may ask of a document the host holds during a send. */
export type DocumentRequestOp = 'createPublicUrl' | 'toFaxTiff';

/** Host services a child reaches by request, and the methods of each it may call. */
export const SERVICE_METHODS = {
  storage: ['put', 'get', 'delete', 'list'],
  cache: ['get', 'set', 'delete', 'incr'],
  metrics: ['increment', 'gauge', 'histogram'],
  // The relay of deps.db (see ../db/plugin-db.relay.ts); transactions are begin/query/commit by handle.
  db: ['describe', 'docGet', 'docPut', 'docDelete', 'docList', 'sqlMigrate', 'sqlQuery', 'txBegin', 'txQuery', 'txCommit', 'txRollback'],
} as const;

/** One of the services in {@link SERVICE_METHODS}. */
export type ServiceName = keyof typeof SERVICE_METHODS;

/** A call of a host service (`deps.storage.put(...)`) from the child, answered with a `reply`. */
export interface ServiceRequest {
  type: 'service';
  id: number;
  service: ServiceName;
  method: string;
  args: unknown[];
}

/** A request from the child to the host, answered with a `reply`. */
export interface DocumentRequest {
  type: 'request';
  id: number;
  op: DocumentRequestOp;
  documentId: string;
  ttlSeconds?: number;
}

/** What the child needs to load the plugin and build its deps (the logger and the event bus stay on the host). */
export interface RunnerInit {
  entryPath: string;
  pluginId: string;
  instanceId: string;
  dataDir: string;
  host: HostInfo;
  /** The instance's base webhook URL (`deps.webhooks.url()`); the child appends paths to it. */
  webhookUrl: string;
  /** The manifest's `requirements.network`: the child builds its own transports (its sockets live there) on it. */
  allowedHosts: string[];
}

/** Messages from the host to the runner. */
export type HostMessage =
  | ({ type: 'init'; id: number } & RunnerInit)
  | { type: 'call'; id: number; method: PluginMethod; args: unknown[]; aborted?: boolean }
  | { type: 'abort'; id: number }
  | { type: 'event'; event: FaxbotEvent }
  | { type: 'reply'; id: number; ok: true; value: unknown }
  | { type: 'reply'; id: number; ok: false; error: WireError }
  | { type: 'shutdown' };

/** Log levels of the SDK's plugin logger. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Messages from the runner to the host. */
export type ChildMessage =
  | { type: 'result'; id: number; ok: true; value: unknown }
  | { type: 'result'; id: number; ok: false; error: WireError }
  | { type: 'log'; level: LogLevel; message: string; fields?: Record<string, unknown> }
  | { type: 'subscribe'; eventType: string }
  | { type: 'unsubscribe'; eventType: string }
  | { type: 'emit'; eventType: string; payload: Record<string, unknown> }
  /** A `transport.*` catalogue event of the child's own transports, published by the host as the instance. */
  | { type: 'transport'; eventType: string; payload: Record<string, unknown> }
  | { type: 'status'; update: unknown }
  | DocumentRequest
  | ServiceRequest;
