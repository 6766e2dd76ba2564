export { createTestDeps, type TestDeps, type CapturedLogLine } from './test-deps';
