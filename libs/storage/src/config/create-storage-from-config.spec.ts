import { randomBytes } from 'node:crypto';
import { LocalEncryptedStorage } from '../local/local-encrypted.storage';
import { S3Storage } from '../s3/s3.storage';
import { storageErrorCode } from '../testing';
import { createStorageFromConfig } from './create-storage-from-config';
import type { StorageConfig } from './storage-config';
import { storageConfigFromEnv } from './storage-config-from-env';

describe('createStorageFromConfig', () => {
  const masterKey = randomBytes(32);

  it('builds the local driver', () => {
    expect(createStorageFromConfig({ backend: 'local', local: { rootDir: '/tmp/faxbot-storage', masterKey } })).toBeInstanceOf(LocalEncryptedStorage);
  });

  it('builds the S3 driver from the environment mapping', () => {
    const config = storageConfigFromEnv({ STORAGE_BACKEND: 's3', S3_BUCKET: 'faxbot-docs', S3_REGION: 'us-east-1' }, { dataDir: '/tmp', masterKey });
    expect(createStorageFromConfig(config)).toBeInstanceOf(S3Storage);
  });

  it.each([
    ['an unknown backend', { backend: 'gcs' }],
    ['local without options', { backend: 'local' }],
    ['s3 without options', { backend: 's3', local: { rootDir: '/tmp', masterKey } }],
    ['a local master key of the wrong size', { backend: 'local', local: { rootDir: '/tmp', masterKey: randomBytes(8) } }],
  ])('refuses %s with CONFIG_INVALID', async (_label, config) => {
    expect(await storageErrorCode(Promise.resolve().then(() => createStorageFromConfig(config as unknown as StorageConfig)))).toBe('CONFIG_INVALID');
  });
});
