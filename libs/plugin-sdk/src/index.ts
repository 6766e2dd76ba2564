export { FaxbotError, type FaxbotErrorCode, type FaxbotErrorOptions } from './errors/faxbot-error';
export {
  FAX_STATUSES,
  FINAL_FAX_STATUSES,
  isFinalStatus,
  type FaxStatus,
  type ProviderFaxStatus,
} from './contracts/fax-status';
export type { PluginDeps, PluginLogger, HostInfo } from './contracts/plugin-deps';
export type { PluginStorage, PluginStoredObject } from './contracts/plugin-storage';
export type { PluginCache, CacheSetOptions, CacheIncrOptions, CacheErrorCode } from './contracts/cache';
export type { PluginMetrics, MetricTags, HistogramOptions, StopTimer } from './contracts/metrics';
export {
  isOutboundFaxPlugin,
  type BackendPlugin,
  type OutboundFaxPlugin,
  type PluginFactory,
  type ConfigValidationResult,
  type FaxDocument,
  type SendOptions,
  type SendResult,
  type StatusQuery,
  type StatusResult,
} from './contracts/outbound-fax-plugin';
export type { WebhookRequest, WebhookResult, StatusUpdate, PluginWebhooks, FaxStatusReporter } from './contracts/webhook';
export { CORE_EVENT_TYPES, isCoreEventType, type CoreEventMap, type CoreEventType } from './contracts/event-catalogue';
export type {
  PluginEvents,
  FaxbotEvent,
  EventHandler,
  EventPayload,
  EventValue,
  CustomEventPayload,
  CustomEventType,
  Unsubscribe,
} from './contracts/plugin-events';
export { checkCustomEvent } from './events/check-custom-event';
export type {
  InboundFaxPlugin,
  ReceivedFax,
  StoragePlugin,
  StoredObjectInfo,
  AuthPlugin,
  AuthenticatedPrincipal,
  TransformPlugin,
} from './contracts/category-plugins';
export {
  MESSAGE_STATUSES,
  FINAL_MESSAGE_STATUSES,
  MESSAGING_CAPABILITIES,
  isMessagingPlugin,
  type MessagingPlugin,
  type MessageStatus,
  type MessageDirection,
  type Message,
  type SendMessageOptions,
  type ReplyOptions,
  type Conversation,
  type ConversationPage,
  type ListConversationsOptions,
} from './contracts/messaging-plugin';
export {
  MANIFEST_VERSION,
  PLUGIN_API_VERSION,
  PLUGIN_CATEGORIES,
  type PluginCategory,
  type PluginManifest,
  type PluginUiHints,
  type PluginRequirements,
  type PluginWebhookDeclaration,
} from './manifest/plugin-manifest';
export {
  loadPluginManifest,
  type LoadedPluginManifest,
  type ResolvedPluginManifest,
  type PluginPackageInfo,
} from './manifest/load-plugin-manifest';
export { PLUGIN_MANIFEST_SCHEMA } from './manifest/plugin-manifest.schema';
export { validateManifest, type ManifestValidation } from './manifest/validate-manifest';
export { compileConfigSchema, type ConfigSchemaChecker, type ConfigCheck } from './manifest/config-schema';
export { describeSchemaErrors as describeAjvErrors, resolveInsidePackage } from '@faxbot/plugin-packages';
export { TOKENS } from './tokens';
export { KeyedMutex } from './concurrency/keyed-mutex';
export { checkPluginStorageKey, PLUGIN_STORAGE_MAX_BYTES } from './storage/check-storage-key';
export type {
  PluginDb,
  PluginDbDialect,
  PluginDocumentStore,
  StoredDocument,
  DocumentListOptions,
  DocumentPage,
  PluginSql,
  PluginSqlTransaction,
  PluginSqlMigration,
  PluginSqlMigrationReport,
  SqlParam,
  SqlResult,
} from './contracts/plugin-db';
export { PluginDbError, PLUGIN_DB_ERROR_CODES, type PluginDbErrorCode } from './errors/plugin-db-error';
export {
  PLUGIN_DOCUMENT_MAX_BYTES,
  checkDocumentKey,
  encodeDocumentValue,
  checkDocumentListOptions,
  checkSqlCall,
  planMigrations,
  type PlannedMigration,
} from './db/check-db-input';
export {
  isHttpFailure,
  type TransportErrorCode,
  type HttpFailure,
  type HttpMethod,
  type HttpRetryOptions,
  type HttpRequestOptions,
  type HttpRequestInit,
  type HttpResponse,
  type PluginHttpClient,
  type ReconnectOptions,
  type ConnectHeaders,
  type ConnectionState,
  type ConnectionEndReason,
  type WebSocketData,
  type WebSocketConnectOptions,
  type WebSocketEventMap,
  type WebSocketEventName,
  type WebSocketEventHandler,
  type PluginWebSockets,
  type ServerSentEvent,
  type EventStreamConnectOptions,
  type EventStreamStatus,
  type PluginEventStreams,
} from './contracts/transports';
