import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Container } from 'inversify';
import { TOKENS, type FaxStatusReporter, type HostInfo, type PluginDeps } from '@faxbot/plugin-sdk';
import type { Logger } from '@faxbot/audit';
import type { DocumentStorage } from '@faxbot/storage';
import type { CacheBackend } from '@faxbot/cache';
import type { MetricsRegistry } from '@faxbot/metrics';
import type { Database, PluginSqlHost } from '@faxbot/db';
import type { AppConfig } from '../config/app-config';
import { EventBus } from '../events/event-bus';
import { createPluginEvents, type ScopedPluginEvents } from '../events/plugin-events.adapter';
import { StatusUpdateApplier } from '../fax/status-update.applier';
import { API_TOKENS } from '../tokens';
import { createPluginWebhooks } from '../webhooks/webhook-url';
import { createPluginLogger } from './plugin-logger.adapter';
import { createPluginStorage } from './plugin-storage.adapter';
import { createPluginDb, type ScopedPluginDb } from './db/plugin-db.factory';
import { createScopedPluginTransports, type ScopedPluginTransports } from './plugin-transports.adapter';

/** The instance's events together with their `close()`, which runs when the container is unbound. */
const PLUGIN_EVENTS_SCOPE = Symbol.for('faxbot.api.PluginEventsScope');
/** The instance's transports together with their `close()`, which runs when the container is unbound. */
const PLUGIN_TRANSPORTS_SCOPE = Symbol.for('faxbot.api.PluginTransportsScope');
/** The instance's `deps.db` together with its `close()` (its SQL connections), run when the container is unbound. */
const PLUGIN_DB_SCOPE = Symbol.for('faxbot.api.PluginDbScope');

/**
 * Builds the child container of one plugin instance: its own logger (tagged, scrubbing), its
 * frozen config, its data folder, host facts, its view of the event bus (subscriptions end when
 * the container is unbound), its webhook URLs, its status reporter (updates apply to this
 * instance's jobs only), its area of the document storage, its cache namespace, its metrics and
 * its transports (sockets closed when the container is unbound) and its `db` (documents and its own SQL area). The plugin receives the resolved
 * deps object, never a container.
 */
export async function createPluginScope(options: {
  parent: Container;
  logger: Logger;
  dataDir: string;
  pluginId: string;
  instanceId: string;
  config: Record<string, unknown>;
  host: HostInfo;
  /** The manifest's `requirements.network`: the only hosts the instance's transports may reach. */
  allowedHosts: readonly string[];
}): Promise<{ container: Container; deps: PluginDeps; transportEvents: ScopedPluginTransports['emit'] }> {
  const dataDir = join(options.dataDir, 'plugins', options.instanceId);
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const ids = { pluginId: options.pluginId, instanceId: options.instanceId };
  const container = new Container({ parent: options.parent, defaultScope: 'Singleton' });
  container.bind(TOKENS.PluginLogger).toConstantValue(createPluginLogger(options.logger, options.pluginId, options.instanceId));
  container.bind(TOKENS.PluginConfig).toConstantValue(Object.freeze({ ...options.config }));
  container.bind(TOKENS.PluginDataDir).toConstantValue(dataDir);
  container.bind(TOKENS.HostInfo).toConstantValue(options.host);
  container
    .bind<ScopedPluginEvents>(PLUGIN_EVENTS_SCOPE)
    .toDynamicValue((context) => createPluginEvents(context.get(EventBus), ids))
    .onDeactivation((scoped) => scoped.close());
  container.bind(TOKENS.PluginEvents).toDynamicValue((context) => context.get<ScopedPluginEvents>(PLUGIN_EVENTS_SCOPE).events);
  container.bind(TOKENS.PluginWebhooks).toDynamicValue((context) => createPluginWebhooks(context.get<AppConfig>(API_TOKENS.Config).publicApiUrl, options.instanceId));
  container.bind<FaxStatusReporter>(TOKENS.FaxStatusReporter).toDynamicValue((context) => {
    const applier = context.get(StatusUpdateApplier);
    return {
      report: async (update) => {
        await applier.apply(options.instanceId, [update], 'plugin');
      },
    };
  });
  container.bind(TOKENS.PluginStorage).toDynamicValue((context) => createPluginStorage(context.get<DocumentStorage>(API_TOKENS.DocumentStorage), options.instanceId));
  container.bind(TOKENS.PluginCache).toDynamicValue((context) => context.get<CacheBackend>(API_TOKENS.CacheBackend).forPlugin(options.instanceId));
  container.bind(TOKENS.PluginMetrics).toDynamicValue((context) => context.get<MetricsRegistry>(API_TOKENS.Metrics).forPlugin(options.pluginId, options.instanceId));
  container
    .bind<ScopedPluginTransports>(PLUGIN_TRANSPORTS_SCOPE)
    .toDynamicValue((context) => createScopedPluginTransports(context.get(EventBus), { ...ids, allowedHosts: options.allowedHosts, logger: context.get(TOKENS.PluginLogger) }))
    .onDeactivation((scoped) => scoped.close());
  container
    .bind<ScopedPluginDb>(PLUGIN_DB_SCOPE)
    .toDynamicValue((context) =>
      createPluginDb({
        database: context.get<Database>(API_TOKENS.Database),
        sqlHost: context.get<PluginSqlHost>(API_TOKENS.PluginSqlHost, { optional: true }),
        instanceId: options.instanceId,
        logger: context.get(TOKENS.PluginLogger),
      }),
    )
    .onDeactivation((scoped) => scoped.close());
  container.bind(TOKENS.PluginDb).toDynamicValue((context) => context.get<ScopedPluginDb>(PLUGIN_DB_SCOPE).db);
  container.bind<PluginDeps>(TOKENS.PluginDeps).toDynamicValue((context) => ({
    ...ids,
    logger: context.get(TOKENS.PluginLogger),
    dataDir: context.get(TOKENS.PluginDataDir),
    host: context.get(TOKENS.HostInfo),
    events: context.get(TOKENS.PluginEvents),
    webhooks: context.get(TOKENS.PluginWebhooks),
    faxStatus: context.get(TOKENS.FaxStatusReporter),
    storage: context.get(TOKENS.PluginStorage),
    cache: context.get(TOKENS.PluginCache),
    metrics: context.get(TOKENS.PluginMetrics),
    db: context.get(TOKENS.PluginDb),
    ...context.get<ScopedPluginTransports>(PLUGIN_TRANSPORTS_SCOPE).transports,
  }));
  const deps = container.get<PluginDeps>(TOKENS.PluginDeps);
  return { container, deps, transportEvents: container.get<ScopedPluginTransports>(PLUGIN_TRANSPORTS_SCOPE).emit };
}
