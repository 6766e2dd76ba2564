export { createTestDeps, type TestDeps, type CapturedLogLine } from './test-deps';
export type { PublishEvent } from './test-events';
export { createTestWebhookRequest, type TestWebhookRequestOptions } from './test-webhook-request';
