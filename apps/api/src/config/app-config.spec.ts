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
  ])('refuses %j naming the variable', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(name);
  });
});
