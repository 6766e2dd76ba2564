import { delimiter, resolve } from 'node:path';
import { ConfigError } from './config-error';
import { boolean, httpUrl, integer, list, text, type Env } from './env-readers';
import { mcpPluginSettings, type McpPluginSettings } from './mcp-plugin-settings';
import { oauthConfigFrom, type McpOAuthConfig } from './oauth-config';

/** Transports this version serves: stdio, Streamable HTTP, legacy HTTP+SSE and WebSocket. */
export type McpTransportName = 'stdio' | 'http' | 'sse' | 'ws';

/** Log levels, least to most severe. */
export type McpLogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Settings of the HTTP-based transports (Streamable HTTP, SSE, WebSocket). */
export interface McpHttpConfig {
  host: string;
  port: number;
  /** Host names (without port) the Host header may carry; DNS-rebinding protection. */
  allowedHosts: string[];
  /** Browser origins allowed to call the server (CORS); requests with another Origin get 403. */
  allowedOrigins: string[];
  /** Keys HTTP clients present as `Authorization: Bearer <key>` (or `X-API-Key`). */
  apiKeys: string[];
  /** OAuth 2 access tokens accepted besides the keys; `null` when not configured. */
  oauth: McpOAuthConfig | null;
  /** Largest JSON request body or WebSocket message, derived from the file limit (base64 adds a third, JSON a little). */
  maxBodyBytes: number;
  /** A session (or WebSocket connection) unused for this long is closed. */
  sessionIdleMs: number;
  /** Open sessions (or WebSocket connections) at most; further ones get 503. */
  maxSessions: number;
  /** WebSocket: a ping every this many ms; a peer that has not answered the previous one is dropped. */
  wsPingIntervalMs: number;
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
  /** How often the API's `GET /plugins/capabilities` is polled for capability-driven tools; 0 turns that off. */
  capabilityPollMs: number;
  http: McpHttpConfig;
  /** The MCP plugin system: settings file, allowlist, search paths, dev mode. */
  plugins: McpPluginSettings;
}

/** Size limits for received faxes sent to clients (one JSON-RPC message carries the whole PDF). */
export interface McpInboundConfig {
  /** Largest PDF get_inbound_pdf embeds as base64 when asked; bigger ones come as a resource link. */
  inlineMaxBytes: number;
  /** Largest PDF a read of `faxbot://inbound/{id}/pdf` returns; bigger ones are refused (TOO_LARGE). */
  pdfMaxBytes: number;
}

const TRANSPORTS = ['stdio', 'http', 'sse', 'ws'] as const;
const TRANSPORT_ALIASES: Record<string, McpTransportName> = { 'streamable-http': 'http', websocket: 'ws' };
const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '::1', '[::1]'];
const MIN_HTTP_KEY_LENGTH = 16;
// A stdio message (one line) may be at most 10 MiB; 7 MiB of PDF is 9.8 MB of base64.
const MAX_INBOUND_PDF_BYTES = 7 * 1024 * 1024;

/** The inbound PDF limits when nothing is configured: 1 MiB embedded, 7 MiB at most. */
export const DEFAULT_INBOUND_LIMITS: Readonly<McpInboundConfig> = { inlineMaxBytes: 1024 * 1024, pdfMaxBytes: MAX_INBOUND_PDF_BYTES };

function transportFrom(argv: string[], env: Env): McpTransportName {
  let chosen = text(env, 'MCP_TRANSPORT');
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] as string;
    if (arg === '--transport') {
      chosen = argv[index + 1];
      if (chosen === undefined) throw new ConfigError('--transport needs a value: stdio, http, sse or ws');
    }
    else if (arg.startsWith('--transport=')) chosen = arg.slice('--transport='.length);
  }
  const name = (chosen ?? 'stdio').toLowerCase();
  if ((TRANSPORTS as readonly string[]).includes(name)) return name as McpTransportName;
  const alias = TRANSPORT_ALIASES[name];
  if (alias !== undefined) return alias;
  throw new ConfigError('--transport (or MCP_TRANSPORT) must be stdio, http, sse or ws');
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

// Seconds, fractions allowed (tests poll quickly); 0 turns polling and the messaging tools off.
function capabilityPollMs(env: Env): number {
  const raw = text(env, 'MCP_CAPABILITY_POLL_SECONDS');
  if (raw === undefined) return 15_000;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || (seconds !== 0 && (seconds < 0.1 || seconds > 3600))) {
    throw new ConfigError('MCP_CAPABILITY_POLL_SECONDS must be 0 (off) or a number of seconds from 0.1 to 3600');
  }
  return Math.round(seconds * 1000);
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
  const remote = transport !== 'stdio';
  const configuredHosts = list(env, 'MCP_ALLOWED_HOSTS').map((item) => item.toLowerCase());
  // DNS-rebinding protection stays on: off loopback, the operator must name the public host names.
  if (remote && !loopback && configuredHosts.length === 0) {
    throw new ConfigError('MCP_ALLOWED_HOSTS must list the host names clients use when MCP_HTTP_HOST is not a loopback address');
  }
  const apiKeys = [...list(env, 'MCP_HTTP_API_KEYS'), ...list(env, 'MCP_HTTP_API_KEY')];
  const oauth = remote ? oauthConfigFrom(env) : null;
  if (remote) {
    // No anonymous access: a client presents a key or an OAuth access token.
    if (apiKeys.length === 0 && oauth === null) throw new ConfigError('MCP_HTTP_API_KEYS must list at least one key for HTTP clients (or configure OAUTH_ISSUER, OAUTH_AUDIENCE and OAUTH_JWKS_URL)');
    if (apiKeys.some((key) => key.length < MIN_HTTP_KEY_LENGTH)) throw new ConfigError(`Every MCP_HTTP_API_KEYS key must be at least ${MIN_HTTP_KEY_LENGTH} characters`);
  }
  return {
    host,
    port: integer(env, 'MCP_HTTP_PORT', 3001, 0, 65535),
    allowedHosts: configuredHosts.length > 0 ? configuredHosts : ['localhost', '127.0.0.1', '[::1]'],
    allowedOrigins: origins(env),
    apiKeys,
    oauth,
    maxBodyBytes: Math.ceil(maxFileBytes * 1.4),
    sessionIdleMs: integer(env, 'MCP_HTTP_SESSION_IDLE_MS', 30 * 60_000, 1_000),
    maxSessions: integer(env, 'MCP_HTTP_MAX_SESSIONS', 100, 1, 100_000),
    wsPingIntervalMs: integer(env, 'MCP_WS_PING_INTERVAL_MS', 30_000, 100, 3_600_000),
  };
}

/**
 * Reads and validates the MCP server's configuration from the command line and the environment.
 * The only place in apps/mcp that reads `process.env`; every variable is documented in docs/mcp.md.
 *
 * @example
 * const config = loadMcpConfig(process.argv.slice(2)); // faxbot-mcp --transport ws
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
    capabilityPollMs: capabilityPollMs(env),
    http: httpConfig(env, transport, maxFileBytes),
    plugins: mcpPluginSettings(env, cwd),
  };
}
