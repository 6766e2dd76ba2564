import { randomBytes } from 'node:crypto';
import { storageErrorCode } from '../testing';
import { storageConfigFromEnv } from './storage-config-from-env';

describe('storageConfigFromEnv', () => {
  const masterKey = randomBytes(32);
  const options = { dataDir: '/var/lib/faxbot', masterKey, baseUrl: 'https://fax.example.test' };

  it.each([
    ['unset', {}],
    ['empty', { STORAGE_BACKEND: '' }],
    ['local', { STORAGE_BACKEND: 'local' }],
    ['LOCAL, padded', { STORAGE_BACKEND: ' LOCAL ' }],
  ])('selects the local driver under <FAX_DATA_DIR>/storage when STORAGE_BACKEND is %s', (_label, env) => {
    expect(storageConfigFromEnv(env, options)).toEqual({
      backend: 'local',
      local: { rootDir: '/var/lib/faxbot/storage', masterKey, baseUrl: 'https://fax.example.test' },
    });
  });

  it('maps the original S3 variables', () => {
    const env = {
      STORAGE_BACKEND: 's3',
      S3_BUCKET: 'faxbot-docs',
      S3_PREFIX: 'inbound/',
      S3_REGION: 'us-west-2',
      S3_ENDPOINT_URL: 'https://s3.example.test',
      S3_KMS_KEY_ID: 'alias/faxbot',
      AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'not-read-here',
    };
    expect(storageConfigFromEnv(env, options)).toEqual({
      backend: 's3',
      s3: {
        bucket: 'faxbot-docs',
        prefix: 'inbound/',
        region: 'us-west-2',
        endpoint: 'https://s3.example.test',
        forcePathStyle: true,
        kmsKeyId: 'alias/faxbot',
      },
    });
  });

  it('leaves region, prefix, endpoint, KMS key and credentials to the SDK when unset', () => {
    expect(storageConfigFromEnv({ STORAGE_BACKEND: 's3', S3_BUCKET: 'b', S3_REGION: '  ' }, options)).toEqual({
      backend: 's3',
      s3: { bucket: 'b', prefix: undefined, region: undefined, endpoint: undefined, forcePathStyle: false, kmsKeyId: undefined },
    });
  });

  it.each([
    ['true', 'https://s3.example.test', true],
    ['false', 'https://s3.example.test', false],
    ['TRUE', undefined, true],
  ])('honours S3_FORCE_PATH_STYLE=%s', (value, endpoint, expected) => {
    const config = storageConfigFromEnv({ STORAGE_BACKEND: 's3', S3_BUCKET: 'b', S3_ENDPOINT_URL: endpoint, S3_FORCE_PATH_STYLE: value }, options);
    expect(config.backend === 's3' && config.s3.forcePathStyle).toBe(expected);
  });

  it.each([
    ['an unknown backend', { STORAGE_BACKEND: 'gcs' }],
    ['s3 without S3_BUCKET', { STORAGE_BACKEND: 's3' }],
    ['s3 with a blank S3_BUCKET', { STORAGE_BACKEND: 's3', S3_BUCKET: ' ' }],
    ['an endpoint that is not a URL', { STORAGE_BACKEND: 's3', S3_BUCKET: 'b', S3_ENDPOINT_URL: 's3.example.test' }],
    ['a malformed S3_FORCE_PATH_STYLE', { STORAGE_BACKEND: 's3', S3_BUCKET: 'b', S3_FORCE_PATH_STYLE: 'yes' }],
  ])('refuses %s with CONFIG_INVALID', async (_label, env) => {
    expect(await storageErrorCode(Promise.resolve().then(() => storageConfigFromEnv(env, options)))).toBe('CONFIG_INVALID');
  });

  it('names S3_BUCKET in the error for s3 without a bucket', () => {
    expect(() => storageConfigFromEnv({ STORAGE_BACKEND: 's3' }, options)).toThrow(/S3_BUCKET/);
  });
});
