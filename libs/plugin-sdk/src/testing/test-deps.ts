import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PluginDeps, PluginLogger } from '../contracts/plugin-deps';
import type { FaxbotEvent } from '../contracts/plugin-events';
import type { StatusUpdate } from '../contracts/webhook';
import { createMemoryPluginCache } from './memory-plugin-cache';
import { createMemoryPluginStorage } from './memory-plugin-storage';
import { createRecordingPluginMetrics, type RecordedMetric } from './recording-plugin-metrics';
import { PLUGIN_API_VERSION } from '../manifest/plugin-manifest';
import { createInMemoryEvents, type PublishEvent } from './test-events';

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
}

/**
 * Builds deps for exercising a plugin outside the host: a fresh temporary data directory, a
 * logger that records lines (so a test can assert the plugin logs no PHI), an in-memory event bus
 * with the host's naming and payload rules, and webhook URLs under `https://faxbot.test` (or
 * `publicUrl`), a status reporter that records what the plugin reports, and an in-memory
 * `storage` with the host's key rules, an in-memory `cache` and `metrics` that record each call. A handler failing on one of the plugin's own events is recorded as an `error` line.
 *
 * @example
 * const deps = createTestDeps({ pluginId: 'loopback' });
 * await plugin.start(config, deps);
 * expect(JSON.stringify(deps.logLines)).not.toContain('5551234567');
 * await deps.publishEvent('job.completed', { jobId: 'j1', backend: 'loopback', status: 'SUCCESS', errorCode: null, pages: 1 });
 * expect(deps.webhooks.url('status')).toBe('https://faxbot.test/webhooks/loopback/status');
 */
export function createTestDeps(options: { pluginId: string; instanceId?: string; dataDir?: string; publicUrl?: string }): TestDeps {
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
    recordedMetrics,
    logLines,
    emittedEvents: bus.emitted,
    publishEvent: bus.publish as PublishEvent,
    reportedStatuses,
    waitForStatus,
  };
}
