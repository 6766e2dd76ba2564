import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PluginDeps, PluginLogger } from '../contracts/plugin-deps';
import type { FaxbotEvent } from '../contracts/plugin-events';
import type { StatusUpdate } from '../contracts/webhook';
import { createMemoryPluginCache } from './memory-plugin-cache';
import { createMemoryPluginDb } from './memory-plugin-db';
import { createMemoryPluginStorage } from './memory-plugin-storage';
import { createRecordingPluginMetrics, type RecordedMetric } from './recording-plugin-metrics';
import { PLUGIN_API_VERSION } from '../manifest/plugin-manifest';
import { createInMemoryEvents, type PublishEvent } from './test-events';
import { TEST_DEFAULT_ALLOWED_HOSTS } from './test-egress';
import { createTestEventStreams, type TestEventStreamPeer } from './test-event-streams';
import { createTestHttpClient, type RecordedHttpRequest } from './test-http-client';
import { createTestWebSockets, type TestWebSocketPeer } from './test-websockets';

/** One line a plugin logged during a test. */
export interface CapturedLogLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  fields?: Record<string, unknown>;
}

/** {@link PluginDeps} for tests, plus what the plugin logged and emitted, and a way to send it events. */
export interface TestDeps extends PluginDeps {
  logLines: CapturedLogLine[];
  /** Every event the plugin emitted with `deps.events.emit`, in order. */
  emittedEvents: FaxbotEvent[];
  /**
   * Delivers an event to the plugin's handlers, as the host would emit it (`source: 'core'`), and
   * resolves once they have finished. Unlike the host, it rejects with the first handler failure,
   * so a test sees it.
   */
  publishEvent: PublishEvent;
  /** Every metric call the plugin made with `deps.metrics`, in order. */
  recordedMetrics: RecordedMetric[];
  /** Every status the plugin reported with `deps.faxStatus.report`, in order. */
  reportedStatuses: StatusUpdate[];
  /** Resolves with the first report (already made or still to come) that `match` accepts. */
  waitForStatus(match: (update: StatusUpdate) => boolean, timeoutMs?: number): Promise<StatusUpdate>;
  /** Every request `deps.http` sent (real requests; refused ones are not listed), in order. */
  httpRequests: RecordedHttpRequest[];
  /** Plays the provider's server for `deps.websockets`: see what the plugin sent, push messages, drop connections. */
  websocketPeer: TestWebSocketPeer;
  /** Plays the provider's server for `deps.eventStreams`: push events, drop streams to test resuming. */
  eventStreamPeer: TestEventStreamPeer;
}

/** Options of {@link createTestDeps}. */
export interface TestDepsOptions {
  pluginId: string;
  instanceId?: string;
  dataDir?: string;
  publicUrl?: string;
  /**
   * Hosts the test transports may reach, in the manifest's `requirements.network` form; default
   * `127.0.0.1` and `localhost`, so a test talks to a local simulator and never to a real provider.
   */
  allowedHosts?: readonly string[];
  /** Use these transports instead of the test ones (the peers and `httpRequests` then stay empty). */
  transports?: Partial<Pick<PluginDeps, 'http' | 'websockets' | 'eventStreams'>>;
}

/**
 * Builds deps for exercising a plugin outside the host: a fresh temporary data directory, a
 * logger that records lines (so a test can assert the plugin logs no PHI), an in-memory event bus
 * with the host's naming and payload rules, and webhook URLs under `https://faxbot.test` (or
 * `publicUrl`), a status reporter that records what the plugin reports, and an in-memory
 * `storage` with the host's key rules, an in-memory `cache`, `metrics` that record each call, and a `db`
 * (documents in memory, SQL on in-memory SQLite; see `createMemoryPluginDb`). A handler failing on one of the plugin's own events is recorded as an `error` line.
 *
 * Transports: `deps.http` sends real requests (one attempt each, no retries) to the allowed hosts
 * (`127.0.0.1` and `localhost` unless `allowedHosts` says otherwise), with the host's error codes.
 * `deps.websockets` and `deps.eventStreams` open no socket: `websocketPeer` and `eventStreamPeer`
 * play the provider's server, with the host's egress rule, event order and reconnect sequence.
 *
 * @example
 * const deps = createTestDeps({ pluginId: 'loopback' });
 * await plugin.start(config, deps);
 * expect(JSON.stringify(deps.logLines)).not.toContain('5551234567');
 * await deps.publishEvent('job.completed', { jobId: 'j1', backend: 'loopback', status: 'SUCCESS', errorCode: null, pages: 1 });
 * expect(deps.webhooks.url('status')).toBe('https://faxbot.test/webhooks/loopback/status');
 *
 * // A provider pushing a status over the plugin's WebSocket, then dropping it:
 * const socket = deps.websocketPeer.connection('wss://events.example.com');
 * await deps.websocketPeer.push(socket.id, JSON.stringify({ id: 'f1', status: 'delivered' }));
 * await deps.websocketPeer.drop(socket.id);
 * expect(socket.sent.filter((message) => message === '{"subscribe":"faxes"}')).toHaveLength(2);
 */
export function createTestDeps(options: TestDepsOptions): TestDeps {
  const logLines: CapturedLogLine[] = [];
  const record =
    (level: CapturedLogLine['level']) =>
    (message: string, fields?: Record<string, unknown>): void => {
      logLines.push(fields === undefined ? { level, message } : { level, message, fields });
    };
  const logger: PluginLogger = { debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') };
  const instanceId = options.instanceId ?? options.pluginId;
  const bus = createInMemoryEvents(options.pluginId, instanceId, (type, error) =>
    logger.error('event handler failed', { type, error: error instanceof Error ? error.message : String(error) }),
  );
  const reportedStatuses: StatusUpdate[] = [];
  const recordedMetrics: RecordedMetric[] = [];
  const waiters: Array<{ match: (update: StatusUpdate) => boolean; resolve: (update: StatusUpdate) => void }> = [];
  const faxStatus = {
    report: async (update: StatusUpdate): Promise<void> => {
      const copy = { ...update };
      reportedStatuses.push(copy);
      for (const waiter of waiters.splice(0)) {
        if (waiter.match(copy)) waiter.resolve(copy);
        else waiters.push(waiter);
      }
    },
  };
  const waitForStatus = (match: (update: StatusUpdate) => boolean, timeoutMs = 10_000): Promise<StatusUpdate> => {
    const already = reportedStatuses.find(match);
    if (already !== undefined) return Promise.resolve(already);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching status report within ${timeoutMs} ms`)), timeoutMs);
      waiters.push({ match, resolve: (update) => { clearTimeout(timer); resolve(update); } });
    });
  };
  const allowedHosts = options.allowedHosts ?? TEST_DEFAULT_ALLOWED_HOSTS;
  const httpRequests: RecordedHttpRequest[] = [];
  const sockets = createTestWebSockets({ allowedHosts, logger });
  const streams = createTestEventStreams({ allowedHosts, logger });
  const webhookBase = `${(options.publicUrl ?? 'https://faxbot.test').replace(/\/+$/, '')}/webhooks/${encodeURIComponent(instanceId)}`;
  return {
    pluginId: options.pluginId,
    instanceId,
    dataDir: options.dataDir ?? mkdtempSync(join(tmpdir(), `faxbot-${options.pluginId}-`)),
    logger,
    host: { apiVersion: PLUGIN_API_VERSION, version: '0.0.0-test' },
    events: bus.events,
    webhooks: {
      url: (path = '') => {
        const trimmed = path.replace(/^\/+/, '');
        return trimmed === '' ? webhookBase : `${webhookBase}/${encodeURI(trimmed)}`;
      },
    },
    faxStatus,
    storage: createMemoryPluginStorage(),
    cache: createMemoryPluginCache(),
    metrics: createRecordingPluginMetrics(recordedMetrics),
    db: createMemoryPluginDb(),
    http: options.transports?.http ?? createTestHttpClient({ pluginId: options.pluginId, allowedHosts, logger, requests: httpRequests }),
    websockets: options.transports?.websockets ?? sockets.websockets,
    eventStreams: options.transports?.eventStreams ?? streams.eventStreams,
    httpRequests,
    websocketPeer: sockets.peer,
    eventStreamPeer: streams.peer,
    recordedMetrics,
    logLines,
    emittedEvents: bus.emitted,
    publishEvent: bus.publish as PublishEvent,
    reportedStatuses,
    waitForStatus,
  };
}
