import { isAbsolute, resolve } from 'node:path';

/** Typed configuration of the API process, read once from the environment at boot. */
export interface AppConfig {
  port: number;
  host: string;
  /** Working directory for the database file, documents and plugin data. */
  dataDir: string;
  databaseUrl: string | undefined;
  /** PostgreSQL schema to use (created if missing); default the connection's default schema. */
  databaseSchema: string | undefined;
  /** Bootstrap key with every scope (`API_KEY`); empty when unset. */
  bootstrapApiKey: string;
  /** False only with an explicit `REQUIRE_API_KEY=false` (development mode). */
  requireApiKey: boolean;
  maxFileSizeBytes: number;
  maxFileSizeMb: number;
  /** Id of the outbound plugin new jobs are sent with. */
  faxBackend: string;
  /** When true jobs are stored but never dispatched (the original's test mode). */
  faxDisabled: boolean;
  /** Extra folders to scan for plugin packages (`FAXBOT_PLUGIN_PATH`, separated by `:`). */
  pluginPaths: string[];
  logLevel: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'silent';
  worker: WorkerConfig;
  pluginStartTimeoutMs: number;
  plugins: PluginHostConfig;
  /** `PUBLIC_API_URL` without a trailing slash: the base of webhook URLs given to providers. */
  publicApiUrl: string;
  webhooks: WebhookConfig;
  events: EventsConfig;
  inbound: InboundConfig;
  documents: DocumentLinkConfig;
  retention: RetentionConfig;
  /** `REDIS_URL`: plugin caches live in Redis when set, in memory otherwise. */
  redisUrl: string | undefined;
  /** The whole environment, for plugins whose config schema maps fields to env names. */
  env: Readonly<Record<string, string | undefined>>;
}

/** Settings of the backend plugin host. */
export interface PluginHostConfig {
  /** `FEATURE_V3_PLUGINS`: true reads instances from the config store; false is the original env-only path. */
  v3: boolean;
  /** `FEATURE_PLUGIN_INSTALL`: allows `faxbot plugins install`. */
  installEnabled: boolean;
  /** `FAXBOT_PLUGIN_DEV_MODE`: lets workspace (unpublished) plugins load without an allowlist entry. */
  devMode: boolean;
  allowlistPath: string;
  /** `FAXBOT_CONFIG_PATH`: JSON file for the config store; unset means the database. */
  configPath: string | undefined;
  /** `FAXBOT_SECRET_KEY`: key for secrets at rest; unset means a generated 0600 key file. */
  secretKey: string | undefined;
  /** Where the FAX_BACKEND instance runs when the config store does not say. */
  defaultIsolation: 'in-process' | 'worker' | 'process';
  healthIntervalMs: number;
  stopTimeoutMs: number;
  /** Curated plugin list served by `GET /plugin-registry`. */
  registryPath: string | undefined;
  npmRegistry: string;
  /** Crashes of an isolated plugin within five minutes before it is marked failed. */
  maxCrashes: number;
  /** First restart delay of a crashed isolated plugin; doubles per recent crash, up to 30 s. */
  restartBackoffMs: number;
}

/** Limits of the provider webhook route `/webhooks/{instanceId}`. */
export interface WebhookConfig {
  /** `WEBHOOK_MAX_BODY_BYTES`: larger bodies get 413 (default 25 MB: inbound faxes carry PDFs). */
  maxBodyBytes: number;
  /** `WEBHOOK_RATE_LIMIT_PER_MINUTE`: deliveries per instance per minute (a token bucket). */
  ratePerMinute: number;
  /** `WEBHOOK_TIMEOUT_MS`: how long a plugin's `handleWebhook` may take before the answer is 500. */
  timeoutMs: number;
}

/** Received faxes. */
export interface InboundConfig {
  /** `INBOUND_ENABLED`: the `/inbound` endpoints answer (otherwise 404 `Inbound not enabled`, after the auth checks). */
  enabled: boolean;
  /** `INBOUND_RETENTION_DAYS`: days a received document is kept; 0 keeps it until deleted by hand. */
  retentionDays: number;
  /** `INBOUND_TOKEN_TTL_MINUTES`: lifetime of an inbound download token. */
  tokenTtlMinutes: number;
  /** `INBOUND_MAX_PDF_MB`: largest received document accepted from a provider. */
  maxDocumentBytes: number;
}

/** The document retention sweep. */
export interface RetentionConfig {
  /** `ARTIFACT_TTL_DAYS`: days after a job finished before its outbound document is deleted; 0 keeps them. */
  artifactTtlDays: number;
  /** `CLEANUP_INTERVAL_MINUTES`, in milliseconds. */
  intervalMs: number;
}

/** Document links and conversions. */
export interface DocumentLinkConfig {
  /** `PDF_TOKEN_TTL_MINUTES`: default lifetime of an outbound document link handed to a provider. */
  pdfTokenTtlMinutes: number;
  /** `FAX_PAGE_SIZE`: paper of generated PDFs and fax pages. */
  pageSize: 'letter' | 'a4';
  /** `FAX_RESOLUTION`: vertical resolution of fax TIFFs, fine 204x196 or standard 204x98 dpi. */
  resolution: 'fine' | 'standard';
  /** `FAX_TIFF_COMPRESSION`: coding of fax TIFFs, g4 (CCITT T.6), g3 (T.4 1-D) or g3-2d (T.4 2-D). */
  faxCompression: 'g4' | 'g3' | 'g3-2d';
  /** `CONVERSION_WORKERS`: worker threads converting documents; undefined means one per CPU core. */
  conversionWorkers: number | undefined;
  /** `MAX_PAGES`: most pages an outbound document may have. */
  maxPages: number;
}

function oneOf<T extends string>(env: Record<string, string | undefined>, name: string, values: readonly T[], fallback: T): T {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if ((values as readonly string[]).includes(raw)) return raw as T;
  throw new ConfigError(`${name} must be one of ${values.join(', ')}`);
}

/** Settings of the in-process event bus. */
export interface EventsConfig {
  /** `EVENT_HANDLER_TIMEOUT_MS`: after this, a handler that has not settled is logged as hanging. */
  handlerTimeoutMs: number;
}

/** Settings of the in-process queue worker and its retry policy. */
export interface WorkerConfig {
  concurrency: number;
  leaseMs: number;
  idlePollMs: number;
  maxAttempts: number;
  retryBaseMs: number;
  retryMaxMs: number;
  statusPollMs: number;
  /** Longest wait between status polls of one fax; polls slow down as a fax ages (see retry-policy.ts). */
  statusPollMaxMs: number;
  /**
   * After this many consecutive claims of one task that never ended in order (the process died
   * or lost its lease each time), the job is failed instead of retried: a crash-loop breaker.
   */
  maxClaims: number;
}

/** Raised when the environment holds a value the API cannot run with. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

function isolation(raw: string | undefined): PluginHostConfig['defaultIsolation'] {
  const value = raw?.trim() || 'in-process';
  if (value === 'in-process' || value === 'worker' || value === 'process') return value;
  throw new ConfigError('FAXBOT_PLUGIN_ISOLATION must be in-process, worker or process');
}

const LOCAL_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

/** Checks `PUBLIC_API_URL`: an http(s) URL, https unless local or enforcement is off; no trailing slash. */
function publicApiUrl(env: Record<string, string | undefined>): string {
  const enforceHttps = boolean(env, 'ENFORCE_PUBLIC_HTTPS', true);
  const raw = env['PUBLIC_API_URL']?.trim() || 'http://localhost:8080';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('PUBLIC_API_URL must be an absolute http(s) URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ConfigError('PUBLIC_API_URL must be an absolute http(s) URL');
  if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    throw new ConfigError('PUBLIC_API_URL must not contain credentials, a query or a fragment');
  }
  // Providers send PHI to these URLs: plain http is refused unless it stays on this machine.
  if (url.protocol === 'http:' && !LOCAL_HOSTS.includes(url.hostname) && enforceHttps) {
    throw new ConfigError('PUBLIC_API_URL must use https (or set ENFORCE_PUBLIC_HTTPS=false)');
  }
  return url.href.replace(/\/+$/, '');
}

const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;

function integer(env: Record<string, string | undefined>, name: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer between ${min} and ${max}`);
  }
  return value;
}

function boolean(env: Record<string, string | undefined>, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(`${name} must be true or false`);
}

/**
 * Reads and validates the API's configuration. The only place in the API that reads the
 * environment; every variable is documented in docs/configuration.md.
 */
export function loadConfig(env: Record<string, string | undefined>, cwd = process.cwd()): AppConfig {
  const dataDirRaw = env['FAX_DATA_DIR']?.trim() || './faxdata';
  const dataDir = isAbsolute(dataDirRaw) ? dataDirRaw : resolve(cwd, dataDirRaw);
  const logLevel = (env['LOG_LEVEL']?.trim().toLowerCase() || 'info') as AppConfig['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  const maxFileSizeMb = integer(env, 'MAX_FILE_SIZE_MB', 10, 1, 1024);
  const faxBackend = env['FAX_BACKEND']?.trim() || 'loopback';
  if (!/^[a-z][a-z0-9-]{1,62}$/.test(faxBackend)) throw new ConfigError('FAX_BACKEND must be a plugin id (lower case letters, digits, dashes)');

  return {
    port: integer(env, 'PORT', 8080, 0, 65535),
    host: env['HOST']?.trim() || '0.0.0.0',
    dataDir,
    databaseUrl: env['DATABASE_URL']?.trim() || undefined,
    databaseSchema: env['DATABASE_SCHEMA']?.trim() || undefined,
    bootstrapApiKey: env['API_KEY']?.trim() ?? '',
    requireApiKey: boolean(env, 'REQUIRE_API_KEY', true),
    maxFileSizeMb,
    maxFileSizeBytes: maxFileSizeMb * 1024 * 1024,
    faxBackend,
    faxDisabled: boolean(env, 'FAX_DISABLED', false),
    pluginPaths: (env['FAXBOT_PLUGIN_PATH'] ?? '')
      .split(':')
      .map((part) => part.trim())
      .filter((part) => part !== '')
      .map((part) => (isAbsolute(part) ? part : resolve(cwd, part))),
    logLevel,
    pluginStartTimeoutMs: integer(env, 'PLUGIN_START_TIMEOUT_MS', 15_000, 100),
    plugins: {
      v3: boolean(env, 'FEATURE_V3_PLUGINS', false),
      installEnabled: boolean(env, 'FEATURE_PLUGIN_INSTALL', false),
      devMode: boolean(env, 'FAXBOT_PLUGIN_DEV_MODE', false),
      allowlistPath: resolve(cwd, env['FAXBOT_ALLOWLIST_PATH']?.trim() || 'plugin-allowlist.json'),
      configPath: env['FAXBOT_CONFIG_PATH']?.trim() ? resolve(cwd, env['FAXBOT_CONFIG_PATH'].trim()) : undefined,
      secretKey: env['FAXBOT_SECRET_KEY']?.trim() || undefined,
      defaultIsolation: isolation(env['FAXBOT_PLUGIN_ISOLATION']),
      healthIntervalMs: integer(env, 'PLUGIN_HEALTH_INTERVAL_MS', 30_000, 50),
      stopTimeoutMs: integer(env, 'PLUGIN_STOP_TIMEOUT_MS', 10_000, 50),
      registryPath: env['PLUGIN_REGISTRY_PATH']?.trim() ? resolve(cwd, env['PLUGIN_REGISTRY_PATH'].trim()) : undefined,
      npmRegistry: env['FAXBOT_NPM_REGISTRY']?.trim() || env['npm_config_registry']?.trim() || 'https://registry.npmjs.org/',
      maxCrashes: integer(env, 'PLUGIN_MAX_CRASHES', 5, 1, 100),
      restartBackoffMs: integer(env, 'PLUGIN_RESTART_BACKOFF_MS', 1_000, 10, 60_000),
    },
    publicApiUrl: publicApiUrl(env),
    webhooks: {
      maxBodyBytes: integer(env, 'WEBHOOK_MAX_BODY_BYTES', 25 * 1024 * 1024, 1, 1024 * 1024 * 1024),
      ratePerMinute: integer(env, 'WEBHOOK_RATE_LIMIT_PER_MINUTE', 600, 1, 1_000_000),
      timeoutMs: integer(env, 'WEBHOOK_TIMEOUT_MS', 30_000, 100),
    },
    events: {
      handlerTimeoutMs: integer(env, 'EVENT_HANDLER_TIMEOUT_MS', 10_000, 10),
    },
    inbound: {
      enabled: boolean(env, 'INBOUND_ENABLED', false),
      retentionDays: integer(env, 'INBOUND_RETENTION_DAYS', 30, 0, 36_500),
      tokenTtlMinutes: integer(env, 'INBOUND_TOKEN_TTL_MINUTES', 60, 1, 7 * 24 * 60),
      maxDocumentBytes: integer(env, 'INBOUND_MAX_PDF_MB', 25, 1, 1024) * 1024 * 1024,
    },
    redisUrl: env['REDIS_URL']?.trim() || undefined,
    retention: {
      artifactTtlDays: integer(env, 'ARTIFACT_TTL_DAYS', 0, 0, 36_500),
      intervalMs: integer(env, 'CLEANUP_INTERVAL_MINUTES', 1440, 1, 7 * 24 * 60) * 60_000,
    },
    documents: {
      pdfTokenTtlMinutes: integer(env, 'PDF_TOKEN_TTL_MINUTES', 60, 1, 7 * 24 * 60),
      pageSize: oneOf(env, 'FAX_PAGE_SIZE', ['letter', 'a4'], 'letter'),
      resolution: oneOf(env, 'FAX_RESOLUTION', ['fine', 'standard'], 'fine'),
      faxCompression: oneOf(env, 'FAX_TIFF_COMPRESSION', ['g4', 'g3', 'g3-2d'], 'g4'),
      conversionWorkers: env['CONVERSION_WORKERS']?.trim() ? integer(env, 'CONVERSION_WORKERS', 1, 1, 64) : undefined,
      maxPages: integer(env, 'MAX_PAGES', 100, 1, 10_000),
    },
    worker: {
      concurrency: integer(env, 'WORKER_CONCURRENCY', 2, 1, 64),
      leaseMs: integer(env, 'QUEUE_LEASE_MS', 30_000, 500),
      idlePollMs: integer(env, 'QUEUE_IDLE_POLL_MS', 1_000, 10),
      maxAttempts: integer(env, 'FAX_MAX_ATTEMPTS', 5, 1, 100),
      retryBaseMs: integer(env, 'FAX_RETRY_BASE_MS', 30_000, 1),
      retryMaxMs: integer(env, 'FAX_RETRY_MAX_MS', 15 * 60_000, 1),
      statusPollMs: integer(env, 'FAX_STATUS_POLL_MS', 10_000, 10),
      statusPollMaxMs: integer(env, 'FAX_STATUS_POLL_MAX_MS', 300_000, 10),
      maxClaims: integer(env, 'QUEUE_MAX_CLAIMS', 50, 2),
    },
    env: { ...env },
  };
}
