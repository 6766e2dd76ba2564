import { pathToFileURL } from 'node:url';
import {
  FaxbotError,
  checkCustomEvent,
  type EventHandler,
  type FaxbotEvent,
  type FaxStatusReporter,
  type PluginCache,
  type PluginMetrics,
  type PluginStorage,
  type PluginDeps,
  type PluginEvents,
  type PluginLogger,
  type SendOptions,
  type Unsubscribe,
  type WebhookRequest,
} from '@faxbot/plugin-sdk';
import { createPluginTransports, type PluginTransports } from '@faxbot/transports';
import { joinWebhookPath } from '../../webhooks/webhook-url';
import { createRemotePluginDb } from '../db/remote-plugin-db';
import type { HostChannel } from './host-channel';
import {
  PLUGIN_METHODS,
  type ChildMessage,
  type DocumentRequest,
  type HostMessage,
  type LogLevel,
  type PluginMethod,
  type RunnerInit,
  type ServiceName,
  type ServiceRequest,
  type WireDocument,
} from './isolation-messages';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
import { fromWireDocument, type DocumentRequester } from './wire-document';
import { fromWireError, toWireError } from './wire-error';

type LoadedPlugin = Record<string, unknown>;

/** Loads the plugin's entry the same way the in-process host does: `createPlugin` or `default.createPlugin`. */
async function loadPlugin(entryPath: string): Promise<LoadedPlugin> {
  const module = (await import(pathToFileURL(entryPath).href)) as Record<string, unknown>;
  const factory = module['createPlugin'] ?? (module['default'] as Record<string, unknown> | undefined)?.['createPlugin'];
  if (typeof factory !== 'function') throw new Error('entry does not export createPlugin()');
  const plugin = (factory as () => unknown)();
  if (typeof plugin !== 'object' || plugin === null) throw new Error('createPlugin() did not return a plugin object');
  return plugin as LoadedPlugin;
}

/**
 * The child side of an isolated plugin: loads the entry on `init`, answers `call` messages, turns
 * `abort` messages into the plugin's AbortSignal, forwards log lines (which the host scrubs) and
 * status reports to the host, and asks the host for document members only it can serve. The
 * plugin's transports are built here (their events travel to the host as `transport` messages)
 * and closed on `shutdown`. An uncaught exception or unhandled rejection ends the child; the host restarts it.
 */
export function serveIsolatedPlugin(channel: HostChannel): void {
  let plugin: LoadedPlugin | null = null;
  let init: RunnerInit | null = null;
  // Built here, in the child, so the plugin's sockets and timers live (and die) with it.
  let transports: PluginTransports | null = null;
  const controllers = new Map<number, AbortController>();

  const log = (level: LogLevel, message: string, fields?: Record<string, unknown>): void => {
    const line: ChildMessage = fields === undefined ? { type: 'log', level, message: String(message) } : { type: 'log', level, message: String(message), fields };
    try {
      channel.post(line);
    } catch {
      // Fields that cannot be cloned (functions, sockets) are sent as their JSON form.
      channel.post({ ...line, fields: jsonSafe(fields) });
    }
  };
  const logger: PluginLogger = {
    debug: (message, fields) => log('debug', message, fields),
    info: (message, fields) => log('info', message, fields),
    warn: (message, fields) => log('warn', message, fields),
    error: (message, fields) => log('error', message, fields),
  };

  // Handlers live here; the host's bus learns only which names to forward (one subscription per name).
  const handlers = new Map<string, Set<EventHandler>>();
  const on = (type: string, handler: EventHandler): Unsubscribe => {
    if (typeof type !== 'string' || type.includes('*')) throw new FaxbotError('NOT_SUPPORTED', 'subscribe to an exact event name');
    if (typeof handler !== 'function') throw new FaxbotError('NOT_SUPPORTED', 'an event handler must be a function');
    let set = handlers.get(type);
    if (set === undefined) {
      set = new Set();
      handlers.set(type, set);
      channel.post({ type: 'subscribe', eventType: type });
    }
    const entries = set;
    const entry: EventHandler = (event) => handler(event);
    entries.add(entry);
    return () => {
      if (!entries.delete(entry) || entries.size > 0 || handlers.get(type) !== entries) return;
      handlers.delete(type);
      channel.post({ type: 'unsubscribe', eventType: type });
    };
  };
  const events: PluginEvents = {
    on: on as PluginEvents['on'],
    emit(type, payload) {
      const problem = checkCustomEvent(init?.pluginId ?? '', type, payload);
      if (problem !== null) throw new FaxbotError('NOT_SUPPORTED', problem);
      channel.post({ type: 'emit', eventType: type, payload: { ...payload } });
    },
  };
  // Each handler on its own: a throw or rejection is logged against this plugin and never ends the child.
  const dispatch = (event: FaxbotEvent): void => {
    for (const handler of [...(handlers.get(event.type) ?? [])]) {
      void Promise.resolve()
        .then(() => handler(event))
        .catch((error: unknown) => logger.error('event handler failed', { eventType: event.type, reason: error instanceof Error ? error.message : String(error) }));
    }
  };

  // Requests to the host (document members and services only the host can serve), answered by `reply` messages.
  const requests = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  let nextRequestId = 1;
  const ask = (message: DistributiveOmit<DocumentRequest | ServiceRequest, 'id'>): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const id = nextRequestId++;
      requests.set(id, { resolve, reject });
      channel.post({ ...message, id } as DocumentRequest | ServiceRequest);
    });
  const requestDocument: DocumentRequester = (op, documentId, ttlSeconds) =>
    ask(ttlSeconds === undefined ? { type: 'request', op, documentId } : { type: 'request', op, documentId, ttlSeconds });
  const service = (name: ServiceName) => (method: string) => (...args: unknown[]): Promise<unknown> => ask({ type: 'service', service: name, method, args });
  const storageCall = service('storage');
  const storage: PluginStorage = {
    put: async (key, content, options) => (await storageCall('put')(key, content, options)) as Awaited<ReturnType<PluginStorage['put']>>,
    get: async (key) => {
      const bytes = (await storageCall('get')(key)) as Uint8Array | null;
      return bytes === null ? null : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    },
    delete: async (key) => {
      await storageCall('delete')(key);
    },
    list: async (prefix) => (await storageCall('list')(prefix)) as Awaited<ReturnType<PluginStorage['list']>>,
  };
  const cacheCall = service('cache');
  const cache: PluginCache = {
    get: async <T>(key: string) => (await cacheCall('get')(key)) as T | undefined,
    set: async (key, value, options) => {
      await cacheCall('set')(key, value, options);
    },
    delete: async (key) => (await cacheCall('delete')(key)) as boolean,
    incr: async (key, by, options) => (await cacheCall('incr')(key, by, options)) as number,
  };
  // Metrics are fire-and-forget, as in-process: a refused sample is logged on the host, never thrown here.
  const metricsCall = service('metrics');
  const record = (method: string, ...args: unknown[]): void => void metricsCall(method)(...args).catch(() => undefined);
  const metrics: PluginMetrics = {
    increment: (name, tags, by) => record('increment', name, tags, by),
    gauge: (name, value, tags) => record('gauge', name, value, tags),
    histogram: (name, value, tags, options) => record('histogram', name, value, tags, options),
    timer: (name, tags) => {
      // Timed here, recorded on the host as the same `<name>_seconds` histogram a host-side timer feeds.
      const started = process.hrtime.bigint();
      let seconds: number | undefined;
      return (endTags) => {
        if (seconds === undefined) {
          seconds = Number(process.hrtime.bigint() - started) / 1e9;
          record('histogram', name.endsWith('_seconds') ? name : `${name}_seconds`, seconds, endTags === undefined ? tags : { ...tags, ...endTags });
        }
        return seconds;
      };
    },
  };
  const faxStatus: FaxStatusReporter = {
    report: async (update) => {
      channel.post({ type: 'status', update: { ...update } });
    },
  };

  const reply = (id: number, outcome: { ok: true; value: unknown } | { ok: false; error: unknown }): void => {
    if (!outcome.ok) {
      channel.post({ type: 'result', id, ok: false, error: toWireError(outcome.error) });
      return;
    }
    try {
      channel.post({ type: 'result', id, ok: true, value: outcome.value });
    } catch (cause) {
      const error = new Error(`plugin returned a value that cannot leave its ${channel.kind}: ${toWireError(cause).message}`);
      channel.post({ type: 'result', id, ok: false, error: toWireError(error) });
    }
  };

  const invoke = async (method: PluginMethod, args: unknown[], id: number, aborted: boolean): Promise<unknown> => {
    if (plugin === null || init === null) throw new Error('plugin runner received a call before init');
    const target = plugin[method];
    if (typeof target !== 'function') throw new FaxbotError('NOT_SUPPORTED', `plugin does not implement ${method}()`);
    const call = (...callArgs: unknown[]): unknown => (target as (...a: unknown[]) => unknown).apply(plugin, callArgs);
    switch (method) {
      case 'start': {
        const webhookUrl = init.webhookUrl;
        transports ??= createPluginTransports({
          pluginId: init.pluginId,
          instanceId: init.instanceId,
          allowedHosts: init.allowedHosts,
          logger,
          // The host publishes these on its bus as this instance, after checking the name.
          emit: (type, payload) => channel.post({ type: 'transport', eventType: type, payload: { ...payload } }),
        });
        const deps: PluginDeps = {
          pluginId: init.pluginId,
          instanceId: init.instanceId,
          dataDir: init.dataDir,
          host: init.host,
          logger,
          events,
          webhooks: { url: (path) => joinWebhookPath(webhookUrl, path) },
          faxStatus,
          storage,
          cache,
          metrics,
          http: transports.http,
          websockets: transports.websockets,
          eventStreams: transports.eventStreams,
          db: await createRemotePluginDb((method, ...relayArgs) => service('db')(method)(...relayArgs)),
        };
        return call(args[0], deps);
      }
      case 'send': {
        const controller = new AbortController();
        if (aborted) controller.abort();
        controllers.set(id, controller);
        const wire = args[0] as Omit<SendOptions, 'document' | 'signal'> & { document: WireDocument };
        try {
          return await call({ ...wire, document: fromWireDocument(wire.document, requestDocument), signal: controller.signal });
        } finally {
          controllers.delete(id);
        }
      }
      case 'handleWebhook': {
        const request = args[0] as WebhookRequest;
        const raw = request.rawBody as Uint8Array;
        return call({ ...request, rawBody: Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength) });
      }
      default:
        return call(...args);
    }
  };

  const onMessage = async (message: HostMessage): Promise<void> => {
    switch (message.type) {
      case 'init':
        try {
          const allowedHosts = Array.isArray(message.allowedHosts) ? message.allowedHosts.map(String) : [];
          init = { entryPath: message.entryPath, pluginId: message.pluginId, instanceId: message.instanceId, dataDir: message.dataDir, host: message.host, webhookUrl: message.webhookUrl, allowedHosts };
          plugin = await loadPlugin(message.entryPath);
          const loaded = plugin;
          reply(message.id, { ok: true, value: PLUGIN_METHODS.filter((method) => typeof loaded[method] === 'function') });
        } catch (error) {
          reply(message.id, { ok: false, error });
        }
        return;
      case 'call':
        try {
          reply(message.id, { ok: true, value: await invoke(message.method, message.args, message.id, message.aborted === true) });
        } catch (error) {
          reply(message.id, { ok: false, error });
        }
        return;
      case 'abort':
        controllers.get(message.id)?.abort();
        return;
      case 'event':
        dispatch(message.event);
        return;
      case 'reply': {
        const pending = requests.get(message.id);
        requests.delete(message.id);
        if (pending === undefined) return;
        if (message.ok) pending.resolve(message.value);
        else pending.reject(fromWireError(message.error));
        return;
      }
      case 'shutdown':
        // Sockets are closed (the servers see a clean close) before the child goes; the host kills it after its grace period anyway.
        try {
          await transports?.close();
        } catch (error) {
          logger.warn('transports did not close cleanly', { reason: error instanceof Error ? error.message : String(error) });
        }
        channel.exit(0);
        return;
    }
  };

  const die = (what: string) => (error: unknown) => {
    const { name, message } = toWireError(error);
    channel.exit(1, { type: 'log', level: 'error', message: `plugin crashed: ${what}`, fields: { error: `${name}: ${message}` } });
  };
  process.on('uncaughtException', die('uncaught exception'));
  process.on('unhandledRejection', die('unhandled promise rejection'));
  channel.onMessage((message) => void onMessage(message));
}

function jsonSafe(fields: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  try {
    return JSON.parse(JSON.stringify(fields ?? {})) as Record<string, unknown>;
  } catch {
    return { unserializable: true };
  }
}
