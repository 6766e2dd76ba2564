import type { PluginEvents } from './plugin-events';
import type { PluginCache } from './cache';
import type { PluginMetrics } from './metrics';
import type { PluginDb } from './plugin-db';
import type { PluginStorage } from './plugin-storage';
import type { PluginEventStreams, PluginHttpClient, PluginWebSockets } from './transports';
import type { FaxStatusReporter, PluginWebhooks } from './webhook';

/**
 * Structured logger given to each plugin. The host tags every line with the plugin id and scrubs
 * phone numbers, secrets and document content before anything is written.
 */
export interface PluginLogger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** Facts about the host a plugin runs in. */
export interface HostInfo {
  /** Plugin API version the host implements (compare with the manifest's `apiVersion`). */
  apiVersion: number;
  /** Host package version, e.g. "0.1.0". */
  version: string;
}

/**
 * Services the host hands to `start()`, all scoped to one plugin instance.
 * Later SDK versions add more members; plugins must ignore members they do not know.
 */
export interface PluginDeps {
  /** The plugin's manifest id. */
  pluginId: string;
  /** Id of this configured instance (equals `pluginId` for the default instance). */
  instanceId: string;
  logger: PluginLogger;
  /** A directory that belongs to this instance only; created by the host, kept across restarts. */
  dataDir: string;
  host: HostInfo;
  /** The event bus: subscribe to core events, emit this plugin's own `<pluginId>.<name>` events. */
  events: PluginEvents;
  /** This instance's public webhook URLs. */
  webhooks: PluginWebhooks;
  /** Reports outbound status learnt outside a webhook (a socket event, a file drop). */
  faxStatus: FaxStatusReporter;
  /** This instance's own area of the gateway's (encrypted) document storage. */
  storage: PluginStorage;
  /** This instance's cache: in memory, or Redis when the gateway has `REDIS_URL`. */
  cache: PluginCache;
  /** This plugin's metrics, exported with the gateway's on `GET /metrics`. */
  metrics: PluginMetrics;
  /** This instance's data in the gateway's database: a key/document store and SQL on its own tables. */
  db: PluginDb;
  /** HTTP client limited to the manifest's `requirements.network`, with retries and redacted logs. */
  http: PluginHttpClient;
  /** WebSocket connections with reconnect and heartbeats; closed by the host when the instance stops. */
  websockets: PluginWebSockets;
  /** Server-Sent Events streams that resume with `Last-Event-ID`; closed when the instance stops. */
  eventStreams: PluginEventStreams;
}
