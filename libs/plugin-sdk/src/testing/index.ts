export { createTestDeps, type TestDeps, type CapturedLogLine } from './test-deps';
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
