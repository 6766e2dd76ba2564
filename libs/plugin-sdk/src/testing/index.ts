export { createTestDeps, type TestDeps, type TestDepsOptions, type CapturedLogLine } from './test-deps';
export type { RecordedHttpRequest } from './test-http-client';
export type { TestWebSocketPeer, TestWebSocketConnection } from './test-websockets';
export type { TestEventStreamPeer, TestEventStream } from './test-event-streams';
export type { PublishEvent } from './test-events';
export { createTestWebhookRequest, type TestWebhookRequestOptions } from './test-webhook-request';
export { createTestDocument, minimalPdf, minimalFaxTiff, type TestDocument, type TestDocumentOptions } from './test-document';
export type {
  ConformanceSimulator,
  OutboundConformanceHarness,
  ForgedWebhook,
  SimulatedFax,
  SimulatedSendFailure,
} from './conformance-harness';
export { describeOutboundConformance } from './outbound-conformance';
export type { RecordedMetric } from './recording-plugin-metrics';
export { createMemoryPluginDb } from './memory-plugin-db';
