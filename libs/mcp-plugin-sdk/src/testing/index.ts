export { createMcpPluginHarness, type McpPluginHarness, type McpPluginHarnessOptions, type HarnessCallResult } from './mcp-plugin-harness';
export { createRecordingLogger, type CapturedMcpLogLine } from './recording-logger';
