import { delimiter, resolve } from 'node:path';
import { ConfigError } from './config-error';

/** Transports this version serves. */
export type McpTransportName = 'stdio' | 'http';

/** Log levels, least to most severe. */
export type McpLogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Settings of the Streamable HTTP transport. */
export interface McpHttpConfig {
  host: string;
  port: number;
  /** Host names (without port) the Host header may carry; DNS-rebinding protection. */
  allowedHosts: string[];
  /** Browser origins allowed to call the server (CORS); requests with another Origin get 403. */
  allowedOrigins: string[];
  /** Keys HTTP clients present as `Authorization: Bearer <key>` (or `X-API-Key`). */
  apiKeys: string[];
  /** Largest JSON request body, derived from the file limit (base64 adds a third, JSON a little). */
  maxBodyBytes: number;
  /** A session unused for this long is closed. */
  sessionIdleMs: number;
  /** Open sessions at most; further `initialize` requests get 503. */
  maxSessions: number;
}

/** Everything the MCP server needs, validated once at start. */
export interface McpConfig {
  transport: McpTransportName;
  /** The Faxbot REST API. */
  apiUrl: string;
  /** The MCP server's own key for the REST API; empty only against `REQUIRE_API_KEY=false`. */
  apiKey: string;
  apiTimeoutMs: number;
  logLevel: McpLogLevel;
  /** Largest document send_fax accepts, from any source. */
  maxFileBytes: number;
  /**
   * Directories `filePath` must lie in. `null` means any path the process can read, which is
   * allowed over stdio only; over HTTP, `filePath` is refused unless roots are configured.
   */
  fileRoots: string[] | null;
  /** `fileUrl` fetching. */
  fetch: { timeoutMs: number; allowPrivateNetworks: boolean };
  /** Received faxes: the largest PDF embedded as base64 by get_inbound_pdf, and the largest any read returns. */
  inbound: McpInboundConfig;
  http: McpHttpConfig;
}

/** Size limits for received faxes sent to clients (one JSON-RPC message carries the whole PDF). */
export interface McpInboundConfig {
  /** Largest PDF get_inbound_pdf embeds as base64 when asked; bigger ones come as a resource link. */
  inlineMaxBytes: number;
  /** Largest PDF a read of `faxbot://inbound/{id}/pdf` returns; bigger ones are refused (TOO_LARGE). */
  pdfMaxBytes: number;
}

type Env = Record<string, string | undefined>;

const TRANSPORTS = ['stdio', 'http'] as const;
const LATER_TRANSPORTS = ['sse', 'ws'];
const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '::1', '[::1]'];
const MIN_HTTP_KEY_LENGTH = 16;
// A stdio message (one line) may be at most 10 MiB; 7 MiB of PDF is 9.8 MB of base64.
const MAX_INBOUND_PDF_BYTES = 7 * 1024 * 1024;

/** The inbound PDF limits when nothing is configured: 1 MiB embedded, 7 MiB at most. */
export const DEFAULT_INBOUND_LIMITS: Readonly<McpInboundConfig> = { inlineMaxBytes: 1024 * 1024, pdfMaxBytes: MAX_INBOUND_PDF_BYTES };

function text(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

function list(env: Env, name: string, separator = ','): string[] {
  return (env[name] ?? '')
    .split(separator)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function integer(env: Env, name: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const raw = text(env, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new ConfigError(`${name} must be an integer between ${min} and ${max}`);
  return value;
}

function boolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = text(env, name)?.toLowerCase();
  if (raw === undefined) return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(`${name} must be true or false`);
}

function transportFrom(argv: string[], env: Env): McpTransportName {
  let chosen = text(env, 'MCP_TRANSPORT');
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] as string;
    if (arg === '--transport') {
      chosen = argv[index + 1];
      if (chosen === undefined) throw new ConfigError('--transport needs a value: stdio or http');
    }
    else if (arg.startsWith('--transport=')) chosen = arg.slice('--transport='.length);
  }
  const name = (chosen ?? 'stdio').toLowerCase();
  if ((TRANSPORTS as readonly string[]).includes(name)) return name as McpTransportName;
  if (name === 'streamable-http') return 'http';
  if (LATER_TRANSPORTS.includes(name)) throw new ConfigError(`Transport "${name}" is not available in this version; use stdio or http`);
  throw new ConfigError('--transport (or MCP_TRANSPORT) must be stdio or http');
}

function httpUrl(env: Env, name: string, fallback: string): string {
  const raw = text(env, name) ?? fallback;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be an http(s) URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError(`${name} must be an http(s) URL`);
  if (url.username !== '' || url.password !== '') throw new ConfigError(`${name} must not contain credentials; use API_KEY`);
  return raw.replace(/\/+$/, '');
}

function origins(env: Env): string[] {
  return list(env, 'MCP_ALLOWED_ORIGINS').map((origin) => {
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      throw new ConfigError('MCP_ALLOWED_ORIGINS must list origins such as https://app.example.com');
    }
    return url.origin;
  });
}

function inboundConfig(env: Env): McpInboundConfig {
  const pdfMaxBytes = integer(env, 'MCP_INBOUND_PDF_MAX_BYTES', DEFAULT_INBOUND_LIMITS.pdfMaxBytes, 1, MAX_INBOUND_PDF_BYTES);
  const inlineMaxBytes = integer(env, 'MCP_INBOUND_INLINE_MAX_BYTES', Math.min(DEFAULT_INBOUND_LIMITS.inlineMaxBytes, pdfMaxBytes), 1, MAX_INBOUND_PDF_BYTES);
  if (inlineMaxBytes > pdfMaxBytes) throw new ConfigError('MCP_INBOUND_INLINE_MAX_BYTES must not exceed MCP_INBOUND_PDF_MAX_BYTES');
  return { inlineMaxBytes, pdfMaxBytes };
}

function httpConfig(env: Env, transport: McpTransportName, maxFileBytes: number): McpHttpConfig {
  const host = text(env, 'MCP_HTTP_HOST') ?? '127.0.0.1';
  const loopback = LOOPBACK_HOSTS.includes(host);
  const configuredHosts = list(env, 'MCP_ALLOWED_HOSTS').map((item) => item.toLowerCase());
  // DNS-rebinding protection stays on: off loopback, the operator must name the public host names.
  if (transport === 'http' && !loopback && configuredHosts.length === 0) {
    throw new ConfigError('MCP_ALLOWED_HOSTS must list the host names clients use when MCP_HTTP_HOST is not a loopback address');
  }
  const apiKeys = [...list(env, 'MCP_HTTP_API_KEYS'), ...list(env, 'MCP_HTTP_API_KEY')];
  if (transport === 'http') {
    if (apiKeys.length === 0) throw new ConfigError('MCP_HTTP_API_KEYS must list at least one key for HTTP clients');
    if (apiKeys.some((key) => key.length < MIN_HTTP_KEY_LENGTH)) throw new ConfigError(`Every MCP_HTTP_API_KEYS key must be at least ${MIN_HTTP_KEY_LENGTH} characters`);
  }
  return {
    host,
    port: integer(env, 'MCP_HTTP_PORT', 3001, 0, 65535),
    allowedHosts: configuredHosts.length > 0 ? configuredHosts : ['localhost', '127.0.0.1', '[::1]'],
    allowedOrigins: origins(env),
    apiKeys,
    maxBodyBytes: Math.ceil(maxFileBytes * 1.4),
    sessionIdleMs: integer(env, 'MCP_HTTP_SESSION_IDLE_MS', 30 * 60_000, 1_000),
    maxSessions: integer(env, 'MCP_HTTP_MAX_SESSIONS', 100, 1, 100_000),
  };
}

/**
 * Reads and validates the MCP server's configuration from the command line and the environment.
 * The only place in apps/mcp that reads `process.env`; every variable is documented in docs/mcp.md.
 *
 * @example
 * const config = loadMcpConfig(process.argv.slice(2)); // faxbot-mcp --transport http
 */
export function loadMcpConfig(argv: string[], env: Env = process.env, cwd = process.cwd()): McpConfig {
  const transport = transportFrom(argv, env);
  const logLevel = (text(env, 'MCP_LOG_LEVEL')?.toLowerCase() ?? 'info') as McpLogLevel;
  if (!LOG_LEVELS.includes(logLevel)) throw new ConfigError(`MCP_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  const maxFileBytes = integer(env, 'MCP_MAX_FILE_BYTES', 10 * 1024 * 1024, 1, 1024 * 1024 * 1024);
  const roots = list(env, 'MCP_FILE_ROOTS', delimiter).map((root) => resolve(cwd, root));
  return {
    transport,
    apiUrl: httpUrl(env, 'FAX_API_URL', 'http://localhost:8080'),
    apiKey: text(env, 'API_KEY') ?? '',
    apiTimeoutMs: integer(env, 'FAX_API_TIMEOUT_MS', 30_000, 100),
    logLevel,
    maxFileBytes,
    fileRoots: roots.length > 0 ? roots : null,
    fetch: {
      timeoutMs: integer(env, 'MCP_FETCH_TIMEOUT_MS', 20_000, 100),
      allowPrivateNetworks: boolean(env, 'MCP_FETCH_ALLOW_PRIVATE', false),
    },
    inbound: inboundConfig(env),
    http: httpConfig(env, transport, maxFileBytes),
  };
}
