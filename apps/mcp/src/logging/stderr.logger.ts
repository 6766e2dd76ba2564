import type { Writable } from 'node:stream';
import type { McpLogLevel } from '../config/mcp-config';
import { maskPhoneNumber, maskPhoneNumbers } from './phone-masker';

/** Fields of a log line. Strings are scrubbed; never pass document content or keys anyway. */
export type LogFields = Record<string, unknown>;

/** The MCP server's logger: JSON lines on stderr, never stdout (stdout belongs to the protocol). */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

/** Options for {@link createStderrLogger}. */
export interface StderrLoggerOptions {
  level: McpLogLevel;
  /** Default `process.stderr`; tests pass their own stream. */
  stream?: Writable;
}

const RANK: Record<McpLogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
// Fields whose value is a destination number: masked to the last four digits.
const PHONE_FIELDS = new Set(['to', 'from', 'number', 'phone', 'fax_number']);
// Fields that may carry document content, credentials or file names: dropped entirely.
const SECRET_FIELD = /content|base64|bytes|document|file(name|path|url)|authorization|api.?key|token|secret|password/i;

function scrub(key: string, value: unknown, depth: number): unknown {
  if (SECRET_FIELD.test(key)) return '[redacted]';
  if (typeof value === 'string') return PHONE_FIELDS.has(key) ? maskPhoneNumber(value) : maskPhoneNumbers(value);
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    return { name: value.name, message: maskPhoneNumbers(value.message), ...(typeof code === 'string' ? { code } : {}) };
  }
  if (Buffer.isBuffer(value)) return `[${value.length} bytes]`;
  if (Array.isArray(value)) return depth > 3 ? '[array]' : value.map((item) => scrub('', item, depth + 1));
  if (typeof value === 'object' && value !== null) {
    if (depth > 3) return '[object]';
    return Object.fromEntries(Object.entries(value).map(([field, inner]) => [field, scrub(field, inner, depth + 1)]));
  }
  return value;
}

/**
 * Creates the MCP server's logger. Every line is one JSON object on stderr; phone numbers are
 * masked to their last four digits wherever they appear, and fields that may hold document
 * content, file names or credentials are redacted.
 *
 * @example
 * const logger = createStderrLogger({ level: 'info' });
 * logger.info('tool call', { tool: 'send_fax', to: '+15551234567' }); // "to":"***4567"
 */
export function createStderrLogger(options: StderrLoggerOptions): Logger {
  const stream = options.stream ?? process.stderr;
  const threshold = RANK[options.level];
  const write = (level: McpLogLevel, message: string, fields: LogFields = {}): void => {
    if (RANK[level] < threshold) return;
    const line = { time: new Date().toISOString(), level, msg: maskPhoneNumbers(message), ...(scrub('', fields, 0) as LogFields) };
    stream.write(`${JSON.stringify(line)}\n`);
  };
  return {
    debug: (message, fields) => write('debug', message, fields),
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, fields) => write('error', message, fields),
  };
}
