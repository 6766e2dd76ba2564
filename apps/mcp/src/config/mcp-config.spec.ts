import { ConfigError } from './config-error';
import { loadMcpConfig } from './mcp-config';

const HTTP_KEY = 'k'.repeat(32);
const OAUTH = { OAUTH_ISSUER: 'https://id.example', OAUTH_AUDIENCE: 'https://mcp.example/mcp', OAUTH_JWKS_URL: 'https://id.example/.well-known/jwks.json' };

function failure(argv: string[], env: Record<string, string>): ConfigError {
  try {
    loadMcpConfig(argv, env, '/srv');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('loadMcpConfig', () => {
  it('defaults to stdio against http://localhost:8080 with a 10 MB limit', () => {
    const config = loadMcpConfig([], {}, '/srv');
    expect(config).toMatchObject({
      transport: 'stdio',
      apiUrl: 'http://localhost:8080',
      apiKey: '',
      logLevel: 'info',
      maxFileBytes: 10 * 1024 * 1024,
      fileRoots: null,
      fetch: { timeoutMs: 20_000, allowPrivateNetworks: false },
      inbound: { inlineMaxBytes: 1024 * 1024, pdfMaxBytes: 7 * 1024 * 1024 },
      http: { host: '127.0.0.1', port: 3001, allowedHosts: ['localhost', '127.0.0.1', '[::1]'], allowedOrigins: [], apiKeys: [], oauth: null, wsPingIntervalMs: 30_000 },
    });
    expect(config.http.maxBodyBytes).toBe(Math.ceil(10 * 1024 * 1024 * 1.4));
  });

  it.each([
    [['--transport', 'http'], {}, 'http'],
    [['--transport=http'], {}, 'http'],
    [[], { MCP_TRANSPORT: 'http' }, 'http'],
    [[], { MCP_TRANSPORT: 'streamable-http' }, 'http'],
    [['--transport', 'stdio'], { MCP_TRANSPORT: 'http' }, 'stdio'],
    [['--transport', 'sse'], {}, 'sse'],
    [['--transport=ws'], {}, 'ws'],
    [[], { MCP_TRANSPORT: 'WebSocket' }, 'ws'],
  ])('chooses the transport from %j and %j: %s', (argv, env, transport) => {
    expect(loadMcpConfig(argv, { MCP_HTTP_API_KEYS: HTTP_KEY, ...env }, '/srv').transport).toBe(transport);
  });

  it('reads the original variable names and the HTTP settings', () => {
    const config = loadMcpConfig(['--transport', 'http'], {
      FAX_API_URL: 'https://fax.internal/api/',
      API_KEY: ' fbk_live_abc ',
      MCP_HTTP_API_KEYS: `${HTTP_KEY}, ${'x'.repeat(20)}`,
      MCP_HTTP_API_KEY: 'y'.repeat(16),
      MCP_HTTP_HOST: '0.0.0.0',
      MCP_HTTP_PORT: '0',
      MCP_ALLOWED_HOSTS: 'MCP.Example.com, localhost',
      MCP_ALLOWED_ORIGINS: 'https://app.example.com/, http://localhost:5173',
      MCP_MAX_FILE_BYTES: '1000',
      MCP_FILE_ROOTS: '/data/faxes:outbox',
      MCP_FETCH_ALLOW_PRIVATE: 'yes',
      MCP_LOG_LEVEL: 'DEBUG',
      MCP_INBOUND_INLINE_MAX_BYTES: '500',
      MCP_INBOUND_PDF_MAX_BYTES: '2000',
    }, '/srv');
    expect(config).toMatchObject({
      apiUrl: 'https://fax.internal/api',
      apiKey: 'fbk_live_abc',
      logLevel: 'debug',
      maxFileBytes: 1000,
      fileRoots: ['/data/faxes', '/srv/outbox'],
      fetch: { allowPrivateNetworks: true },
      inbound: { inlineMaxBytes: 500, pdfMaxBytes: 2000 },
      http: {
        host: '0.0.0.0',
        port: 0,
        allowedHosts: ['mcp.example.com', 'localhost'],
        allowedOrigins: ['https://app.example.com', 'http://localhost:5173'],
        apiKeys: [HTTP_KEY, 'x'.repeat(20), 'y'.repeat(16)],
        maxBodyBytes: 1400,
      },
    });
  });

  it.each([
    ['an unknown transport', ['--transport', 'carrier-pigeon'], {}, '--transport'],
    ['--transport without a value', ['--transport'], {}, '--transport'],
    ['an inline limit above the PDF limit', [], { MCP_INBOUND_INLINE_MAX_BYTES: '3000', MCP_INBOUND_PDF_MAX_BYTES: '2000' }, 'MCP_INBOUND_INLINE_MAX_BYTES'],
    ['a PDF limit over what one stdio message carries', [], { MCP_INBOUND_PDF_MAX_BYTES: String(8 * 1024 * 1024) }, 'MCP_INBOUND_PDF_MAX_BYTES'],
    ['HTTP without client keys', ['--transport', 'http'], {}, 'MCP_HTTP_API_KEYS'],
    ['HTTP with a short client key', ['--transport', 'http'], { MCP_HTTP_API_KEYS: 'short' }, 'at least 16'],
    ['HTTP on a public address without allowed hosts', ['--transport', 'http'], { MCP_HTTP_API_KEYS: HTTP_KEY, MCP_HTTP_HOST: '0.0.0.0' }, 'MCP_ALLOWED_HOSTS'],
    ['WebSocket on a public address without allowed hosts', ['--transport', 'ws'], { MCP_HTTP_API_KEYS: HTTP_KEY, MCP_HTTP_HOST: '0.0.0.0' }, 'MCP_ALLOWED_HOSTS'],
    ['SSE without keys or OAuth', ['--transport', 'sse'], {}, 'MCP_HTTP_API_KEYS'],
    ['OAuth settings given in part', ['--transport', 'ws'], { OAUTH_ISSUER: 'https://id.example', OAUTH_AUDIENCE: 'faxbot' }, 'OAUTH_JWKS_URL'],
    ['a JWKS URL over plain HTTP off loopback', ['--transport', 'http'], { ...OAUTH, OAUTH_JWKS_URL: 'http://id.example/jwks' }, 'OAUTH_JWKS_URL'],
    ['a JWKS URL that is no URL', ['--transport', 'http'], { ...OAUTH, OAUTH_JWKS_URL: 'jwks' }, 'OAUTH_JWKS_URL'],
    ['an HMAC or unknown algorithm', ['--transport', 'http'], { ...OAUTH, OAUTH_ALGORITHMS: 'RS256,HS256' }, 'OAUTH_ALGORITHMS'],
    ['a clock leeway over 5 minutes', ['--transport', 'http'], { ...OAUTH, OAUTH_CLOCK_TOLERANCE_SECONDS: '600' }, 'OAUTH_CLOCK_TOLERANCE_SECONDS'],
    ['a ping interval under 100 ms', ['--transport', 'ws'], { MCP_HTTP_API_KEYS: HTTP_KEY, MCP_WS_PING_INTERVAL_MS: '10' }, 'MCP_WS_PING_INTERVAL_MS'],
    ['a FAX_API_URL that is not http(s)', [], { FAX_API_URL: 'ftp://fax' }, 'FAX_API_URL'],
    ['a FAX_API_URL with credentials', [], { FAX_API_URL: 'http://user:pw@fax' }, 'FAX_API_URL'],
    ['a port out of range', [], { MCP_HTTP_PORT: '70000' }, 'MCP_HTTP_PORT'],
    ['a file limit of zero', [], { MCP_MAX_FILE_BYTES: '0' }, 'MCP_MAX_FILE_BYTES'],
    ['an unknown log level', [], { MCP_LOG_LEVEL: 'loud' }, 'MCP_LOG_LEVEL'],
    ['a malformed origin', [], { MCP_ALLOWED_ORIGINS: 'app.example.com' }, 'MCP_ALLOWED_ORIGINS'],
    ['a non-boolean flag', [], { MCP_FETCH_ALLOW_PRIVATE: 'maybe' }, 'MCP_FETCH_ALLOW_PRIVATE'],
  ])('refuses %s', (_label, argv, env, named) => {
    const error = failure(argv, env);
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toContain(named);
  });

  it('reads the OAuth settings; with them, HTTP-based transports need no static keys', () => {
    const config = loadMcpConfig(['--transport', 'sse'], { ...OAUTH, OAUTH_AUDIENCE: 'https://mcp.example/mcp, faxbot', OAUTH_ALGORITHMS: 'ES256, RS256', OAUTH_CLOCK_TOLERANCE_SECONDS: '5', MCP_WS_PING_INTERVAL_MS: '5000' }, '/srv');
    expect(config.http).toMatchObject({
      apiKeys: [],
      oauth: { issuer: 'https://id.example', audience: ['https://mcp.example/mcp', 'faxbot'], jwksUrl: 'https://id.example/.well-known/jwks.json', algorithms: ['ES256', 'RS256'], clockToleranceSeconds: 5 },
      wsPingIntervalMs: 5000,
    });
    expect(loadMcpConfig(['--transport', 'http'], { ...OAUTH, OAUTH_JWKS_URL: 'http://127.0.0.1:8443/jwks' }, '/srv').http.oauth).toMatchObject({ jwksUrl: 'http://127.0.0.1:8443/jwks', algorithms: expect.arrayContaining(['RS256', 'ES256', 'EdDSA']), clockToleranceSeconds: 30 });
    expect(loadMcpConfig(['--transport', 'stdio'], OAUTH, '/srv').http.oauth).toBeNull();
  });

  it('never repeats a key in its errors', () => {
    expect(failure(['--transport', 'http'], { MCP_HTTP_API_KEYS: 'secret-short' }).message).not.toContain('secret-short');
  });
});
