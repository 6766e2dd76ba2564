export { createServer, type ServerDeps } from './server';
export { loadMcpConfig, type McpConfig, type McpHttpConfig, type McpInboundConfig, type McpLogLevel, type McpTransportName } from './config/mcp-config';
export { ConfigError } from './config/config-error';
export { createStderrLogger, type Logger, type LogFields, type StderrLoggerOptions } from './logging/stderr.logger';
export { maskPhoneNumber, maskPhoneNumbers } from './logging/phone-masker';
export { startStdioTransport, type RunningStdioTransport } from './transports/stdio.transport';
export { startStreamableHttpTransport, type RunningHttpTransport, type StreamableHttpOptions } from './transports/streamable-http.transport';
export { ToolError, type ToolErrorCode } from './tools/tool-error';
export { ERROR_CODE_META_KEY, type McpServerHandle, type McpTransport } from './sdk/mcp-sdk.adapter';
