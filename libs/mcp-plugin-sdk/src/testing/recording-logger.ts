import type { McpPluginLogger } from '../contracts/mcp-plugin';

/** One line a plugin logged in a test. */
export interface CapturedMcpLogLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  fields: Record<string, unknown>;
}

/** A logger that keeps what it is given, so tests can assert what a plugin logs (and what it must not). */
export function createRecordingLogger(lines: CapturedMcpLogLine[]): McpPluginLogger {
  const record = (level: CapturedMcpLogLine['level']) => (message: string, fields: Record<string, unknown> = {}) => {
    lines.push({ level, message, fields });
  };
  return { debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') };
}
