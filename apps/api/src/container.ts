import 'reflect-metadata';
import { Container } from 'inversify';
import type { Database, PluginSqlHost } from '@faxbot/db';
import type { DocumentStorage } from '@faxbot/storage';
import type { ConversionPool } from '@faxbot/documents';
import type { CacheBackend } from '@faxbot/cache';
import type { MetricsRegistry } from '@faxbot/metrics';
import type { Logger } from '@faxbot/audit';
import { ApiKeyService } from './auth/api-key.service';
import type { AppConfig } from './config/app-config';
import { EventBus } from './events/event-bus';
import { FaxDispatcher } from './fax/fax-dispatcher';
import { FaxStatusRecorder } from './fax/fax-status.recorder';
import { SendFaxUseCase } from './fax/send-fax.use-case';
import { CancelFaxUseCase } from './fax/cancel-fax.use-case';
import { QueueWorker } from './jobs/queue-worker';
import { PluginConfigService } from './plugins/admin/plugin-config.service';
import type { PluginConfigStore } from './plugins/config-store/plugin-config.store';
import { InstanceConfigSource } from './plugins/instance-config.source';
import { CONTAINER_TOKEN, PluginHost } from './plugins/plugin-host';
import { OutboundDocumentStore } from './storage/outbound-document.store';
import { API_TOKENS } from './tokens';
import { WebhookReceiver } from './webhooks/webhook.receiver';
import { DocumentIntake } from './documents/document-intake';
import { DocumentLinkService } from './documents/document-link.service';
import { FaxDocumentFactory } from './documents/fax-document.factory';
import { StatusUpdateApplier } from './fax/status-update.applier';
import { InboundFaxIntake } from './inbound/inbound-fax.intake';
import { RetentionSweeper } from './retention/retention.sweeper';
import { MessagingGateway } from './messaging/messaging-gateway';

/** The composition root: every core binding of the API in one place. */
export function buildContainer(
  config: AppConfig,
  logger: Logger,
  db: Database,
  storage: DocumentStorage,
  services: { conversions: ConversionPool; cache: CacheBackend; metrics: MetricsRegistry; pluginSql?: PluginSqlHost },
  configStore?: PluginConfigStore,
): Container {
  const container = new Container({ defaultScope: 'Singleton' });
  container.bind(CONTAINER_TOKEN).toConstantValue(container);
  container.bind(API_TOKENS.Config).toConstantValue(config);
  container.bind(API_TOKENS.Logger).toConstantValue(logger);
  container.bind(API_TOKENS.Database).toConstantValue(db);
  container.bind(API_TOKENS.DocumentStorage).toConstantValue(storage);
  container.bind(API_TOKENS.ConversionPool).toConstantValue(services.conversions);
  container.bind(API_TOKENS.CacheBackend).toConstantValue(services.cache);
  container.bind(API_TOKENS.Metrics).toConstantValue(services.metrics);
  if (services.pluginSql !== undefined) container.bind(API_TOKENS.PluginSqlHost).toConstantValue(services.pluginSql);
  container.bind(EventBus).toConstantValue(new EventBus(logger, { handlerTimeoutMs: config.events.handlerTimeoutMs }));
  if (configStore !== undefined) container.bind(API_TOKENS.PluginConfigStore).toConstantValue(configStore);
  container.bind(InstanceConfigSource).toSelf();
  container.bind(PluginConfigService).toSelf();
  container.bind(OutboundDocumentStore).toSelf();
  container.bind(ApiKeyService).toSelf();
  container.bind(PluginHost).toSelf();
  container.bind(SendFaxUseCase).toSelf();
  container.bind(CancelFaxUseCase).toSelf();
  container.bind(FaxStatusRecorder).toSelf();
  container.bind(FaxDispatcher).toSelf();
  container.bind(StatusUpdateApplier).toSelf();
  container.bind(DocumentLinkService).toSelf();
  container.bind(DocumentIntake).toSelf();
  container.bind(FaxDocumentFactory).toSelf();
  container.bind(InboundFaxIntake).toSelf();
  container.bind(WebhookReceiver).toSelf();
  container.bind(RetentionSweeper).toSelf();
  container.bind(QueueWorker).toSelf();
  container.bind(MessagingGateway).toSelf();
  return container;
}
