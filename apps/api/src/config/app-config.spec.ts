import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('applies secure, embedded defaults', () => {
    const config = loadConfig({}, '/srv/faxbot');
    expect(config).toMatchObject({
      port: 8080,
      dataDir: '/srv/faxbot/faxdata',
      databaseUrl: undefined,
      bootstrapApiKey: '',
      requireApiKey: true,
      maxFileSizeMb: 10,
      maxFileSizeBytes: 10 * 1024 * 1024,
      faxBackend: 'loopback',
      faxDisabled: false,
      pluginPaths: [],
    });
    expect(config.worker).toMatchObject({ maxAttempts: 5, concurrency: 2 });
  });

  it('reads the original variable names', () => {
    const config = loadConfig(
      { PORT: '9000', FAX_DATA_DIR: '/data', API_KEY: ' k ', REQUIRE_API_KEY: 'false', MAX_FILE_SIZE_MB: '3', FAX_BACKEND: 'phaxio', FAX_DISABLED: 'true', FAXBOT_PLUGIN_PATH: '/a:rel' },
      '/cwd',
    );
    expect(config).toMatchObject({ port: 9000, dataDir: '/data', bootstrapApiKey: 'k', requireApiKey: false, maxFileSizeMb: 3, faxBackend: 'phaxio', faxDisabled: true, pluginPaths: ['/a', '/cwd/rel'] });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ MAX_FILE_SIZE_MB: '0' }, 'MAX_FILE_SIZE_MB'],
    [{ REQUIRE_API_KEY: 'maybe' }, 'REQUIRE_API_KEY'],
    [{ FAX_BACKEND: 'Phaxio!' }, 'FAX_BACKEND'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ FAX_MAX_ATTEMPTS: '0' }, 'FAX_MAX_ATTEMPTS'],
    [{ PUBLIC_API_URL: 'http://fax.example.com' }, 'PUBLIC_API_URL'],
    [{ PUBLIC_API_URL: 'fax.example.com' }, 'PUBLIC_API_URL'],
    [{ PUBLIC_API_URL: 'ftp://fax.example.com' }, 'PUBLIC_API_URL'],
    [{ PUBLIC_API_URL: 'https://user:pw@fax.example.com' }, 'PUBLIC_API_URL'],
    [{ ENFORCE_PUBLIC_HTTPS: 'sometimes' }, 'ENFORCE_PUBLIC_HTTPS'],
    [{ WEBHOOK_MAX_BODY_BYTES: '0' }, 'WEBHOOK_MAX_BODY_BYTES'],
    [{ WEBHOOK_RATE_LIMIT_PER_MINUTE: '0' }, 'WEBHOOK_RATE_LIMIT_PER_MINUTE'],
    [{ WEBHOOK_TIMEOUT_MS: '5' }, 'WEBHOOK_TIMEOUT_MS'],
    [{ EVENT_HANDLER_TIMEOUT_MS: '1' }, 'EVENT_HANDLER_TIMEOUT_MS'],
    [{ FAX_TIFF_COMPRESSION: 'g5' }, 'FAX_TIFF_COMPRESSION'],
  ])('refuses %j naming the variable', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(name);
  });

  it.each([
    [{}, 'g4'],
    [{ FAX_TIFF_COMPRESSION: 'G3' }, 'g3'],
    [{ FAX_TIFF_COMPRESSION: 'g3-2d' }, 'g3-2d'],
  ])('reads the fax TIFF compression from %j as %s', (env, expected) => {
    expect(loadConfig(env).documents.faxCompression).toBe(expected);
  });

  it('defaults the public URL, webhook limits and the handler timeout', () => {
    const config = loadConfig({});
    expect(config.publicApiUrl).toBe('http://localhost:8080');
    expect(config.webhooks).toEqual({ maxBodyBytes: 25 * 1024 * 1024, ratePerMinute: 600, timeoutMs: 30_000 });
    expect(config.events).toEqual({ handlerTimeoutMs: 10_000 });
  });

  it.each([
    [{ PUBLIC_API_URL: 'https://fax.example.com/' }, 'https://fax.example.com'],
    [{ PUBLIC_API_URL: 'https://fax.example.com/base/' }, 'https://fax.example.com/base'],
    [{ PUBLIC_API_URL: 'http://127.0.0.1:3000' }, 'http://127.0.0.1:3000'],
    [{ PUBLIC_API_URL: 'http://[::1]:3000' }, 'http://[::1]:3000'],
    [{ PUBLIC_API_URL: 'http://fax.internal', ENFORCE_PUBLIC_HTTPS: 'false' }, 'http://fax.internal'],
  ])('accepts %j as %s', (env, expected) => {
    expect(loadConfig(env).publicApiUrl).toBe(expected);
  });
});
