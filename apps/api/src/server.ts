import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import type { Container } from 'inversify';
import { createPluginSqlHost, openDatabase, resolveDatabaseOptions, type Database, type DatabaseOptions, type PluginSqlHost } from '@faxbot/db';
import { createStorageFromConfig, storageConfigFromEnv } from '@faxbot/storage';
import { createConversionPool, type ConversionPool } from '@faxbot/documents';
import { createCacheBackend, type CacheBackend } from '@faxbot/cache';
import { createMetricsRegistry, type MetricsRegistry } from '@faxbot/metrics';
import type { Logger } from '@faxbot/audit';
import { ApiKeyService } from './auth/api-key.service';
import type { AppConfig } from './config/app-config';
import { buildContainer } from './container';
import { createHttpApp } from './http/app.factory';
import { QueueWorker } from './jobs/queue-worker';
import { RetentionSweeper } from './retention/retention.sweeper';
import { SECRET_KEY_FILE_NAME, openPluginConfigStore } from './plugins/config-store/open-plugin-config-store';
import { loadSecretKey } from './plugins/config-store/secret-key.loader';
import type { PluginConfigStore } from './plugins/config-store/plugin-config.store';
import { PluginHost } from './plugins/plugin-host';
import { OutboundDocumentStore } from './storage/outbound-document.store';

/** A started gateway. */
export interface RunningGateway {
  /** Base URL it listens on, e.g. http://127.0.0.1:8080. */
  url: string;
  container: Container;
  /** The express application (also usable without listening, e.g. with supertest). */
  app: Express;
  /** Token of the admin key created on this first run (show it once), else null. */
  firstRunAdminKey: string | null;
  stop(): Promise<void>;
}

/**
 * Boots the whole API process: database and migrations, first-run key, plugins, worker, HTTP.
 * Each piece is stopped in reverse order by `stop()`.
 */
export async function startGateway(config: AppConfig, logger: Logger, options: { listen?: boolean } = {}): Promise<RunningGateway> {
  await mkdir(config.dataDir, { recursive: true, mode: 0o700 });
  const databaseOptions: DatabaseOptions = {
    ...resolveDatabaseOptions({ DATABASE_URL: config.databaseUrl }, config.dataDir),
    ...(config.databaseSchema === undefined ? {} : { postgresSchema: config.databaseSchema }),
  };
  const db: Database = await openDatabase(databaseOptions);
  let conversions: ConversionPool | null = null;
  let cache: CacheBackend | null = null;
  let metrics: MetricsRegistry | null = null;
  let pluginSql: PluginSqlHost | null = null;
  // What has started so far, newest first, so a failure later in the boot (e.g. the port is taken)
  // stops it again instead of leaving a worker polling a closed database and plugins connected.
  const startedServices: Array<() => Promise<void>> = [];
  try {
    // The config store (and its secret key) exists only on the v3 path; the env path needs neither.
    // One master key protects documents at rest and stored plugin secrets.
    const secretKey = await loadSecretKey({ envValue: config.plugins.secretKey, keyFile: join(config.dataDir, SECRET_KEY_FILE_NAME) });
    if (secretKey.source === 'created') {
      logger.warn({ keyFile: join(config.dataDir, SECRET_KEY_FILE_NAME) }, 'created a new secret key for documents and plugin settings: back this file up separately from the data, or set FAXBOT_SECRET_KEY');
    }
    const storage = createStorageFromConfig(storageConfigFromEnv(config.env, { dataDir: config.dataDir, masterKey: secretKey.key, baseUrl: config.publicApiUrl }));
    let configStore: PluginConfigStore | undefined;
    if (config.plugins.v3) {
      const opened = await openPluginConfigStore({ dataDir: config.dataDir, configPath: config.plugins.configPath, secretKey: config.plugins.secretKey, db, logger });
      configStore = opened.store;
    }
    // Conversions (PDF to fax TIFF, TIFF to PDF, text to PDF) run on worker threads, off this event loop.
    conversions = createConversionPool(config.documents.conversionWorkers === undefined ? {} : { size: config.documents.conversionWorkers });
    cache = createCacheBackend(config.redisUrl === undefined ? {} : { redisUrl: config.redisUrl });
    metrics = createMetricsRegistry();
    // Plugins' own tables (deps.db.sql): a file each under the data folder, or a role and schema each on PostgreSQL.
    pluginSql = createPluginSqlHost({ database: databaseOptions, sqliteDir: join(config.dataDir, 'plugin-databases'), passwordKey: secretKey.key });
    const container = buildContainer(config, logger, db, storage, { conversions, cache, metrics, pluginSql }, configStore);
    await container.get(OutboundDocumentStore).init();
    const firstRunAdminKey = await container.get(ApiKeyService).ensureFirstRunAdminKey();
    const plugins = container.get(PluginHost);
    startedServices.unshift(() => plugins.stopAll());
    await plugins.discover();
    await plugins.startConfigured();
    const worker = container.get(QueueWorker);
    startedServices.unshift(() => worker.stop());
    if (!config.faxDisabled) worker.start();
    const retention = container.get(RetentionSweeper);
    startedServices.unshift(() => retention.stop());
    retention.start();
    if (!config.requireApiKey) logger.warn('REQUIRE_API_KEY=false: authentication is OFF. Anyone who can reach this port can send faxes. Never run like this with real data.');

    const app = createHttpApp(container);
    let server: Server | null = null;
    let url = '';
    if (options.listen !== false) {
      server = createServer(app);
      await new Promise<void>((resolve, reject) => {
        server?.once('error', reject);
        server?.listen(config.port, config.host, () => resolve());
      });
      const address = server.address() as AddressInfo;
      const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
      url = `http://${host}:${address.port}`;
      logger.info({ url, backend: config.faxBackend, database: db.kind }, 'faxbot api listening');
    }
    return {
      url,
      container,
      app,
      firstRunAdminKey,
      async stop() {
        if (server !== null) {
          const closing = new Promise<void>((resolve) => server?.close(() => resolve()));
          server.closeAllConnections();
          await closing;
        }
        await retention.stop();
        await worker.stop();
        await plugins.stopAll();
        await pluginSql?.close();
        await conversions?.close();
        await cache?.close();
        await metrics?.close();
        await db.close();
      },
    };
  } catch (error) {
    for (const stop of startedServices) await stop().catch(() => undefined);
    await conversions?.close().catch(() => undefined);
    await cache?.close().catch(() => undefined);
    await metrics?.close().catch(() => undefined);
    await pluginSql?.close().catch(() => undefined);
    await db.close().catch(() => undefined);
    throw error;
  }
}
