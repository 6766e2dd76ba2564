import express, { type Express } from 'express';
import type { Container } from 'inversify';
import type { Database } from '@faxbot/db';
import type { Logger } from '@faxbot/audit';
import type { DocumentStorage } from '@faxbot/storage';
import type { MetricsRegistry } from '@faxbot/metrics';
import { ApiKeyService } from '../auth/api-key.service';
import type { AppConfig } from '../config/app-config';
import { ApiError } from '../errors/api-error';
import { EventBus } from '../events/event-bus';
import { createEventsRouter } from '../events/events.router';
import { DocumentIntake } from '../documents/document-intake';
import { DocumentLinkService } from '../documents/document-link.service';
import { createInboundRouter } from '../inbound/inbound.router';
import { createInboundRoutingRouter } from '../inbound/inbound-routing.router';
import { SendFaxUseCase } from '../fax/send-fax.use-case';
import { CancelFaxUseCase } from '../fax/cancel-fax.use-case';
import { QueueWorker } from '../jobs/queue-worker';
import { PluginConfigService } from '../plugins/admin/plugin-config.service';
import { PluginHost } from '../plugins/plugin-host';
import { OutboundDocumentStore } from '../storage/outbound-document.store';
import { API_TOKENS } from '../tokens';
import { createAdminWebhooksRouter } from '../webhooks/admin-webhooks.router';
import { createWebhookRouter } from '../webhooks/webhook.router';
import { WebhookReceiver } from '../webhooks/webhook.receiver';
import { createScopeGuard } from './auth/require-scope.middleware';
import { createErrorHandler } from './error-handler.middleware';
import { createApiKeysRouter } from './routers/api-keys.router';
import { createFaxRouter } from './routers/fax.router';
import { createFaxCancelRouter } from './routers/fax-cancel.router';
import { createHealthRouter } from './routers/health.router';
import { createMetricsRouter, createRequestMetrics } from './routers/metrics.router';
import { createPluginsRouter } from './routers/plugins.router';
import { createMessagingRouter } from './routers/messaging.router';
import { MessagingGateway } from '../messaging/messaging-gateway';

/** Interval of the keep-alive comment on `GET /events`. */
const EVENT_STREAM_HEARTBEAT_MS = 15_000;

/** Builds the express application from the services in the container. Wiring only. */
export function createHttpApp(container: Container): Express {
  const config = container.get<AppConfig>(API_TOKENS.Config);
  const logger = container.get<Logger>(API_TOKENS.Logger);
  const db = container.get<Database>(API_TOKENS.Database);
  const keys = container.get(ApiKeyService);
  const plugins = container.get(PluginHost);
  const documents = container.get(OutboundDocumentStore);
  const worker = container.get(QueueWorker);
  const requireScope = createScopeGuard(keys, config.requireApiKey, logger);

  const metrics = container.get<MetricsRegistry>(API_TOKENS.Metrics);
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.use(createRequestMetrics(metrics));
  // Provider webhooks first: they read the raw body themselves, so no body parser may run before them.
  app.use(createWebhookRouter({ receiver: container.get(WebhookReceiver), publicApiUrl: config.publicApiUrl, maxBodyBytes: config.webhooks.maxBodyBytes }));
  app.use('/admin', (_request, response, next) => {
    response.set({
      'X-Frame-Options': 'DENY',
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store, no-cache, must-revalidate',
      Pragma: 'no-cache',
    });
    next();
  });
  app.use(createHealthRouter({ config, db, plugins, documents, worker }));
  app.use(
    createFaxRouter({
      config,
      db,
      documents,
      sendFax: container.get(SendFaxUseCase),
      knowsInstance: (instanceId) => plugins.instance(instanceId) !== undefined,
      requireScope,
      links: container.get(DocumentLinkService),
      intake: container.get(DocumentIntake),
      logger,
      onQueued: () => worker.wake(),
    }),
  );
  app.use(createFaxCancelRouter({ cancelFax: container.get(CancelFaxUseCase), requireScope, logger }));
  app.use(
    createInboundRouter({
      config,
      db,
      storage: container.get<DocumentStorage>(API_TOKENS.DocumentStorage),
      links: container.get(DocumentLinkService),
      logger,
      requireScope,
    }),
  );
  app.use(createInboundRoutingRouter({ db, logger, inboundEnabled: config.inbound.enabled, requireScope }));
  const messaging = container.get(MessagingGateway);
  app.use(createMessagingRouter({ active: () => messaging.active(), logger, publicApiUrl: config.publicApiUrl, requireScope }));
  app.use(createApiKeysRouter(keys, requireScope));
  app.use(
    createPluginsRouter({
      plugins,
      configs: container.get(PluginConfigService),
      activeOutbound: config.faxBackend,
      registryPath: config.plugins.registryPath,
      requireScope,
    }),
  );
  app.use(createAdminWebhooksRouter({ plugins, publicApiUrl: config.publicApiUrl, requireScope }));
  app.use(createMetricsRouter({ metrics, db, plugins, requireScope }));
  app.use(createEventsRouter({ bus: container.get(EventBus), logger, requireScope, heartbeatMs: EVENT_STREAM_HEARTBEAT_MS }));
  app.use((_request, _response, next) => next(new ApiError('NOT_FOUND', 'Not Found')));
  app.use(createErrorHandler(logger));
  return app;
}
