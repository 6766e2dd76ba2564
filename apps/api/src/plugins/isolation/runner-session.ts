import { pathToFileURL } from 'node:url';
import { FaxbotError, type PluginDeps, type PluginLogger, type SendOptions, type WebhookRequest } from '@faxbot/plugin-sdk';
import type { HostChannel } from './host-channel';
import { PLUGIN_METHODS, type ChildMessage, type HostMessage, type LogLevel, type PluginMethod, type RunnerInit, type WireDocument } from './isolation-messages';
import { fromWireDocument } from './wire-document';
import { toWireError } from './wire-error';

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
 * `abort` messages into the plugin's AbortSignal and forwards log lines to the host (which scrubs
 * them). An uncaught exception or unhandled rejection ends the child; the host restarts it.
 */
export function serveIsolatedPlugin(channel: HostChannel): void {
  let plugin: LoadedPlugin | null = null;
  let init: RunnerInit | null = null;
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
        const deps: PluginDeps = { pluginId: init.pluginId, instanceId: init.instanceId, dataDir: init.dataDir, host: init.host, logger };
        return call(args[0], deps);
      }
      case 'send': {
        const controller = new AbortController();
        if (aborted) controller.abort();
        controllers.set(id, controller);
        const wire = args[0] as Omit<SendOptions, 'document' | 'signal'> & { document: WireDocument };
        try {
          return await call({ ...wire, document: fromWireDocument(wire.document), signal: controller.signal });
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
          init = { entryPath: message.entryPath, pluginId: message.pluginId, instanceId: message.instanceId, dataDir: message.dataDir, host: message.host };
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
      case 'shutdown':
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
